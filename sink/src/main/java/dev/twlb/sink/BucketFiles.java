package dev.twlb.sink;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.sink.format.Format;
import dev.twlb.sink.format.FormattingThread;
import dev.twlb.sink.format.OffThreadWriter;
import dev.twlb.sink.format.RecordWriter;
import dev.twlb.sink.storage.CommitLog;
import dev.twlb.sink.storage.FileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The files of one partition in one time bucket while they are written: one temporary file per format, filled side
 * by side, then either finished (the renames that make them visible, for a commit) or discarded.
 */
final class BucketFiles {
  private final FileLayout layout;
  private final String bucket;
  private final int partition;
  private final long startOffset;
  private final Map<Format, Path> temps = new EnumMap<>(Format.class);
  private final Map<Format, RecordWriter> writers = new EnumMap<>(Format.class);
  private final FormattingThread formatting;

  /**
   * @param formatting where the text formats (CSV) are written and the files finished: a thread of their own beside
   *     the caller's Parquet, or {@link FormattingThread#callers()}
   */
  BucketFiles(FileLayout layout, String bucket, int partition, long startOffset, CompressionCodecName codec, FormattingThread formatting)
      throws IOException {
    this.layout = layout;
    this.bucket = bucket;
    this.partition = partition;
    this.startOffset = startOffset;
    this.formatting = formatting;
    try {
      for (Format format : Format.values()) {
        Path temp = layout.tempFile(format, bucket, partition, startOffset);
        Files.createDirectories(temp.getParent());
        temps.put(format, temp);
        RecordWriter writer = format.open(temp, codec);
        writers.put(format, format == Format.PARQUET ? writer : new OffThreadWriter(writer, formatting));
      }
    } catch (IOException | RuntimeException e) {
      discard();
      throw e;
    }
  }

  void write(LabeledWindow row) throws IOException {
    for (RecordWriter writer : writers.values()) {
      writer.write(row);
    }
  }

  /**
   * Completes the files on the formatting thread, after the rows handed to it, and returns at once: the future holds
   * the renames that make them visible as {@code <start>+<endOffset>}. Closing a Parquet file (its last pages, its
   * footer, fsync) goes there too, off the caller's thread.
   */
  CompletableFuture<List<CommitLog.Rename>> finish(long endOffset) {
    List<CompletableFuture<Void>> closed = new ArrayList<>();
    List<CommitLog.Rename> renames = new ArrayList<>();
    for (Format format : Format.values()) {
      RecordWriter writer = writers.get(format);
      closed.add(writer instanceof OffThreadWriter text ? text.closeAsync() : CompletableFuture.runAsync(() -> {
        try {
          writer.close();
        } catch (IOException e) {
          throw new CompletionException(e);
        }
      }, formatting));
      renames.add(new CommitLog.Rename(temps.get(format), layout.finalFile(format, bucket, partition, startOffset, endOffset)));
    }
    return CompletableFuture.allOf(closed.toArray(CompletableFuture[]::new)).thenApply(done -> renames);
  }

  /** Drops the files; nothing of them becomes visible. */
  void discard() {
    for (Format format : Format.values()) {
      try {
        RecordWriter writer = writers.get(format);
        if (writer != null) {
          writer.close();
        }
      } catch (IOException | RuntimeException e) {
        // the file is deleted anyway
      }
      try {
        Path temp = temps.get(format);
        if (temp != null) {
          Files.deleteIfExists(temp);
        }
      } catch (IOException e) {
        // a stale temporary file is deleted at the next recovery
      }
    }
  }
}
