package dev.twlb.sink;

import dev.twlb.sink.format.Format;
import dev.twlb.sink.format.FormattingThread;
import dev.twlb.sink.format.OffThreadWriter;
import dev.twlb.sink.format.ParquetRows;
import dev.twlb.sink.storage.CommitLog;
import dev.twlb.sink.storage.FileLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Merges the files of closed hours: in each hour folder, a Kafka partition's files become one file per format, named
 * {@code <topic>+<partition>+<first start>+<last end>} so the highest end offset on disk, where a sink resumes,
 * stays what it was. The merged files become visible and the old ones go in one commit of the partition's commit log,
 * so a crash at any moment leaves each row in exactly one file per format. Rows are read from the Parquet files and
 * written to both formats, so Parquet and CSV still hold the same rows.
 */
public final class HourCompaction {
  /** What compacting one partition did. */
  public record Result(int hours, int filesBefore, int filesAfter, long rows) {
    public Result plus(Result other) {
      return new Result(hours + other.hours, filesBefore + other.filesBefore, filesAfter + other.filesAfter, rows + other.rows);
    }
  }

  private HourCompaction() {}

  /**
   * Compacts every hour of {@code partition} that ended at or before {@code closedBy} and holds more than one file.
   * Only one process may write a partition's files at a time: the sink that owns it, or this, with no sink running.
   */
  public static Result compact(FileLayout layout, int partition, Instant closedBy, CompressionCodecName codec) throws IOException {
    CommitLog commits = new CommitLog(layout.commitsDir(partition), layout.root());
    commits.recover();
    Result total = new Result(0, 0, 0, 0);
    for (String bucket : layout.buckets(Format.PARQUET)) {
      if (FileLayout.bucketEnd(bucket).isAfter(closedBy)) {
        continue;
      }
      List<Path> parquet = layout.finalFiles(Format.PARQUET, bucket, partition);
      List<Path> csv = layout.finalFiles(Format.CSV, bucket, partition);
      if (parquet.size() < 2 || !sameFiles(layout, parquet, csv)) {
        continue;
      }
      total = total.plus(merge(layout, commits, partition, bucket, parquet, csv, codec));
    }
    return total;
  }

  private static Result merge(FileLayout layout, CommitLog commits, int partition, String bucket, List<Path> parquet, List<Path> csv,
      CompressionCodecName codec) throws IOException {
    long start = layout.parseFinal(parquet.get(0)).orElseThrow().start();
    long end = parquet.stream().mapToLong(p -> layout.parseFinal(p).orElseThrow().end()).max().orElseThrow();
    BucketFiles merged = new BucketFiles(layout, bucket, partition, start, codec, FormattingThread.callers());
    long rows = 0;
    List<CommitLog.Rename> renames;
    try {
      for (Path file : parquet) {
        rows += ParquetRows.forEach(file, merged::write);
      }
      renames = OffThreadWriter.await(merged.finish(end)); // on this thread: it completes inline
    } catch (IOException | RuntimeException e) {
      merged.discard();
      throw e;
    }
    List<Path> old = new ArrayList<>(parquet);
    old.addAll(csv);
    commits.commit(String.format("%020d-compact", end), renames, old);
    return new Result(1, old.size(), renames.size(), rows);
  }

  /** Whether the CSV files are the Parquet files' twins (same names): only then do both formats merge alike. */
  private static boolean sameFiles(FileLayout layout, List<Path> parquet, List<Path> csv) {
    return parquet.stream().map(p -> layout.parseFinal(p).orElseThrow()).toList()
        .equals(csv.stream().map(p -> layout.parseFinal(p).orElseThrow()).toList());
  }
}
