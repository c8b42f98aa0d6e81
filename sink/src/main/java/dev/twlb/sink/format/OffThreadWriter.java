package dev.twlb.sink.format;

import dev.twlb.schemas.LabeledWindow;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A writer whose work runs on another thread, in batches, in order: the sink's consumer thread hands CSV rows to the
 * formatting thread and goes on writing Parquet. {@link #close()} returns only when every row is written and the
 * file is complete, so a commit still makes only whole files visible; a failure of the other thread surfaces at the
 * next write or at close. Rows handed over and not yet written are bounded across every writer of one
 * {@link FormattingThread}: a write waits while they are at its limit.
 */
public final class OffThreadWriter implements RecordWriter {
  static final int BATCH = 256;

  private final RecordWriter writer;
  private final FormattingThread thread;
  private List<LabeledWindow> batch = new ArrayList<>(BATCH);
  private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

  public OffThreadWriter(RecordWriter writer, FormattingThread thread) {
    this.writer = writer;
    this.thread = thread;
  }

  @Override
  public void write(LabeledWindow row) throws IOException {
    batch.add(row);
    if (batch.size() == BATCH) {
      failIfFailed();
      hand(batch);
      batch = new ArrayList<>(BATCH);
    }
  }

  private void hand(List<LabeledWindow> rows) throws InterruptedIOException {
    try {
      thread.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while rows waited for the formatting thread");
    }
    written = written.thenRunAsync(() -> {
      try {
        for (LabeledWindow row : rows) {
          writer.write(row);
        }
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    }, thread);
    written.whenComplete((ok, failure) -> thread.giveBack()); // also when the rows were never written
  }

  private void failIfFailed() throws IOException {
    if (written.isCompletedExceptionally()) {
      await(written);
    }
  }

  @Override
  public void close() throws IOException {
    await(closeAsync());
  }

  /**
   * Hands the last rows over and closes the file on the other thread after them, without waiting: the future
   * completes when every row is written and the file is complete, or fails with why not.
   */
  public CompletableFuture<Void> closeAsync() {
    try {
      hand(batch);
    } catch (InterruptedIOException e) {
      written = written.thenRun(() -> { throw new CompletionException(e); }); // after the rows before; closed below all the same
    }
    batch = List.of();
    return written.handle((ok, failure) -> failure).thenApplyAsync(failure -> {
      try {
        writer.close(); // always, so the file is released even after a failure
      } catch (IOException e) {
        if (failure == null) {
          throw new CompletionException(e);
        }
      }
      if (failure != null) {
        throw failure instanceof CompletionException c ? c : new CompletionException(failure);
      }
      return null;
    }, thread);
  }

  /** The future's value once it completes; its failure as the {@code IOException} it was, or wrapped in one. */
  public static <T> T await(CompletableFuture<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while the other thread was writing");
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("writing on the other thread failed", cause);
    }
  }
}
