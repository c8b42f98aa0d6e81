package dev.twlb.sink.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.sink.BusyThread;
import dev.twlb.sink.Rows;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OffThreadWriterTest {
  private final FormattingThread thread = FormattingThread.bounded("csv-test", 2);

  @AfterEach
  void stop() {
    thread.close();
  }

  /** Records what it was given and on which thread; fails on the row numbered {@code failAt}. */
  private static final class Recording implements RecordWriter {
    final List<Long> rows = Collections.synchronizedList(new ArrayList<>());
    final List<String> threads = Collections.synchronizedList(new ArrayList<>());
    final long failAt;
    volatile boolean closed;

    Recording(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public void write(LabeledWindow row) throws IOException {
      threads.add(Thread.currentThread().getName());
      if (((Number) row.getRequestCount()).longValue() == failAt) {
        throw new IOException("disk full");
      }
      rows.add(((Number) row.getRequestCount()).longValue());
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void writesEveryRowInOrderOnTheOtherThreadAndIsCompleteWhenClosed() throws IOException {
    Recording file = new Recording(-1);
    OffThreadWriter writer = new OffThreadWriter(file, thread);
    for (long i = 0; i < 1_000; i++) {
      writer.write(Rows.row(i, Instant.EPOCH.plusSeconds(i), "benign"));
    }
    writer.close();
    assertThat(file.closed).isTrue();
    assertThat(file.rows).hasSize(1_000).isSorted();
    assertThat(file.threads).doesNotContain(Thread.currentThread().getName());
  }

  @Test
  void aFailureOnTheOtherThreadSurfacesAtCloseAndTheFileIsStillReleased() {
    Recording file = new Recording(700);
    OffThreadWriter writer = new OffThreadWriter(file, thread);
    assertThatThrownBy(() -> {
      for (long i = 0; i < 1_000; i++) {
        writer.write(Rows.row(i, Instant.EPOCH.plusSeconds(i), "benign"));
      }
      writer.close();
    }).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(file.rows).hasSizeLessThan(1_000);
  }

  @Test
  void rowsWaitingForTheOtherThreadAreBoundedAcrossWritersAndTheWriteWaits() throws Exception {
    CountDownLatch busy = BusyThread.occupy(thread);
    Recording first = new Recording(-1);
    Recording second = new Recording(-1);
    OffThreadWriter one = new OffThreadWriter(first, thread);
    OffThreadWriter other = new OffThreadWriter(second, thread);
    AtomicInteger returned = new AtomicInteger();
    Thread writing = new Thread(() -> {
      try {
        for (long i = 0; i < 1_000; i++) {
          (i < OffThreadWriter.BATCH ? one : other).write(Rows.row(i, Instant.EPOCH.plusSeconds(i), "benign"));
          returned.incrementAndGet();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writing.start();
    // two batches (one each) are in hand, the third waits: its 256th row's write does not return
    await().until(() -> writing.getState() == Thread.State.WAITING && returned.get() == 3 * OffThreadWriter.BATCH - 1);
    busy.countDown();
    writing.join();
    assertThat(thread.waits()).as("the third batch's").isEqualTo(1);
    one.close();
    other.close();
    assertThat(first.rows).hasSize(OffThreadWriter.BATCH);
    assertThat(second.rows).hasSize(1_000 - OffThreadWriter.BATCH).isSorted();
    assertThat(thread.freePlaces()).as("every batch gave its place back").isEqualTo(2);
  }
}
