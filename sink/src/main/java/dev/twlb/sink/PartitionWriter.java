package dev.twlb.sink;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.sink.format.Format;
import dev.twlb.sink.format.FormattingThread;
import dev.twlb.sink.format.OffThreadWriter;
import dev.twlb.sink.storage.CommitLog;
import dev.twlb.sink.storage.FileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The files of one Kafka partition: one open file per format and time bucket, filled side by side,
 * and finished together (rotation by row count or age, revocation, shutdown) in one atomic commit.
 * This class alone decides when files rotate.
 *
 * <p>A commit runs on the formatting thread, after the CSV rows handed to it, while the caller writes the next rows to
 * new files. A partition's next commit starts only when its previous one is done: commits become visible in order (a
 * later one visible without an earlier one would make a restart resume past the earlier one's rows), and the rows
 * waiting for it stay bounded (about two rotations a partition, and {@link FormattingThread}'s limit in all).
 */
final class PartitionWriter {
  /**
   * A partition's first file after the sink gets it is finished this soon after its first row (or at the rotation
   * interval, if shorter), so a new run's first windows are in the files at once, not a rotation later.
   */
  static final long FIRST_FILE_WITHIN_MS = 500;

  private final FileLayout layout;
  private final int partition;
  private final SinkConfig config;
  private final CommitLog commits;
  private final FormattingThread formatting;
  private final Map<String, Bucket> buckets = new LinkedHashMap<>();
  private final Map<RowKind, Long> rowsByKind = new HashMap<>();
  /** Commits started and not yet taken by {@link #committed}, oldest first. */
  private final Deque<CompletableFuture<Committed>> inFlight = new ArrayDeque<>();
  private long lastOffset = -1;
  /** The last row's hour and its bucket: rows come in about the order of time, so most rows' bucket is the one before's. */
  private long lastHour = Long.MIN_VALUE;
  private String lastBucket;
  private int rows;
  private long firstRowAtMs;
  private boolean committedOnce;

  /** Rows are counted by the run they belong to ("" for none) and their label. */
  record RowKind(String runId, String faultType) {}

  /** What one commit made visible. */
  record Committed(int partition, long nextOffset, int files, int rows, Map<RowKind, Long> rowsByKind) {
    Map<String, Long> rowsByFault() {
      Map<String, Long> byFault = new TreeMap<>();
      rowsByKind.forEach((kind, n) -> byFault.merge(kind.faultType(), n, Long::sum));
      return byFault;
    }
  }

  /** @param formatting the thread that writes CSV and commits while the caller writes Parquet (see {@link BucketFiles}) */
  PartitionWriter(FileLayout layout, int partition, SinkConfig config, FormattingThread formatting) {
    this.formatting = formatting;
    this.layout = layout;
    this.partition = partition;
    this.config = config;
    this.commits = new CommitLog(layout.commitsDir(partition), layout.root());
  }

  void write(long offset, LabeledWindow row, long nowMs) throws IOException {
    long hour = Math.floorDiv(row.getWindowStart().getEpochSecond(), 3_600);
    if (hour != lastHour) {
      lastHour = hour;
      lastBucket = FileLayout.bucket(row.getWindowStart());
    }
    String bucketName = lastBucket;
    Bucket bucket = buckets.get(bucketName);
    if (bucket == null) {
      bucket = new Bucket(new BucketFiles(layout, bucketName, partition, offset, config.parquetCodec(), formatting));
      buckets.put(bucketName, bucket);
    }
    bucket.files.write(row);
    bucket.endOffset = offset;
    if (rows == 0) {
      firstRowAtMs = nowMs;
    }
    rows++;
    lastOffset = offset;
    rowsByKind.merge(new RowKind(row.getRunId() == null ? "" : row.getRunId(), row.getFaultType()), 1L, Long::sum);
  }

  boolean shouldRotate(long nowMs) {
    long interval = config.rotateInterval().toMillis();
    long age = committedOnce ? interval : Math.min(interval, FIRST_FILE_WITHIN_MS);
    return rows >= config.rotateRecords() || (rows > 0 && nowMs - firstRowAtMs >= age);
  }

  /**
   * Starts finishing every open file and making them visible in one commit (see above); does nothing when there is
   * nothing to write. {@link #committed} tells when it is done.
   */
  void commit() throws IOException {
    if (rows == 0) {
      return;
    }
    if (!inFlight.isEmpty()) {
      OffThreadWriter.await(inFlight.peekLast()); // one at a time (see above)
    }
    List<CompletableFuture<List<CommitLog.Rename>>> finished = new ArrayList<>();
    for (Bucket bucket : buckets.values()) {
      finished.add(bucket.files.finish(bucket.endOffset));
    }
    long endOffset = lastOffset;
    int count = rows;
    Map<RowKind, Long> kinds = Map.copyOf(rowsByKind);
    inFlight.add(CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).thenApplyAsync(ready -> {
      List<CommitLog.Rename> renames = finished.stream().flatMap(files -> files.join().stream()).toList();
      try {
        commits.commit(endOffset, renames);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
      return new Committed(partition, endOffset + 1, renames.size(), count, kinds);
    }, formatting));
    buckets.clear();
    rowsByKind.clear();
    rows = 0;
    committedOnce = true;
  }

  /**
   * The commits completed since the last call, oldest first (with {@code wait}, after waiting for all of them); the
   * first failed one throws why.
   */
  List<Committed> committed(boolean wait) throws IOException {
    List<Committed> done = new ArrayList<>();
    while (!inFlight.isEmpty() && (wait || inFlight.peekFirst().isDone())) {
      done.add(OffThreadWriter.await(inFlight.pollFirst()));
    }
    return done;
  }

  /**
   * Drops the open files (a partition lost without a chance to commit); their rows will be read again. Commits
   * already started are let finish first: none of them then touches the partition's files later.
   */
  void abort() {
    for (CompletableFuture<Committed> commit : inFlight) {
      commit.handle((done, failure) -> null).join();
    }
    inFlight.clear();
    for (Bucket bucket : buckets.values()) {
      bucket.files.discard();
    }
    buckets.clear();
    rowsByKind.clear();
    rows = 0;
  }

  /**
   * Brings a partition's files to a consistent state after any crash (finishes interrupted commits,
   * deletes stale temporary files) and returns the offset to resume from: the highest end offset
   * on disk + 1, or -1 when the partition has no file yet.
   */
  static long recover(FileLayout layout, int partition) throws IOException {
    new CommitLog(layout.commitsDir(partition), layout.root()).recover();
    long resume = -1;
    for (Format format : Format.values()) {
      for (Path file : layout.files(format)) {
        if (layout.isTempOf(file, partition)) {
          Files.deleteIfExists(file);
          continue;
        }
        var name = layout.parseFinal(file);
        if (name.isPresent() && name.get().partition() == partition) {
          resume = Math.max(resume, name.get().end() + 1);
        }
      }
    }
    return resume;
  }

  /** The open files of one time bucket, and the offset of the last row written to them. */
  private static final class Bucket {
    final BucketFiles files;
    long endOffset;

    Bucket(BucketFiles files) {
      this.files = files;
    }
  }
}
