package dev.twlb.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.sink.format.Format;
import dev.twlb.sink.format.FormattingThread;
import dev.twlb.sink.format.ParquetRows;
import dev.twlb.sink.storage.CommitLog;
import dev.twlb.sink.storage.FileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HourCompactionTest {
  private static final Instant HOUR_5 = Instant.parse("2026-11-24T05:10:00Z");
  private static final Instant HOUR_6 = Instant.parse("2026-11-24T06:10:00Z");
  private static final Instant AFTER_BOTH = Instant.parse("2026-11-24T08:00:00Z");

  @TempDir
  Path dir;

  private final List<Long> written = new ArrayList<>();

  private FileLayout layout() {
    return new FileLayout(dir, "labeled-metrics");
  }

  /** 40 rows of partition 1, windows alternating between two hours, committed every 5 rows: 16 files per format. */
  private void writeRotatedFiles() throws IOException {
    PartitionWriter writer = new PartitionWriter(layout(), 1,
        new SinkConfig(Map.of(SinkConfig.DATA_DIR, dir.toString(), SinkConfig.ROTATE_RECORDS, 5)), FormattingThread.callers());
    for (long offset = 0; offset < 40; offset++) {
      writer.write(offset, Rows.row(offset, (offset % 2 == 0 ? HOUR_5 : HOUR_6).plusSeconds(offset * 5), "benign"), 0);
      written.add(offset);
      if (writer.shouldRotate(0)) {
        writer.commit();
      }
    }
  }

  private List<Long> parquetRows() throws IOException {
    List<Long> rows = new ArrayList<>();
    for (String bucket : layout().buckets(Format.PARQUET)) {
      for (Path file : layout().finalFiles(Format.PARQUET, bucket, 1)) {
        ParquetRows.forEach(file, row -> rows.add(row.getRequestCount()));
      }
    }
    return rows.stream().sorted().toList();
  }

  private long csvRows() throws IOException {
    long rows = 0;
    for (String bucket : layout().buckets(Format.CSV)) {
      for (Path file : layout().finalFiles(Format.CSV, bucket, 1)) {
        rows += Files.readAllLines(file).size() - 1; // the header
      }
    }
    return rows;
  }

  private long files(Format format) {
    return layout().files(format).stream().filter(p -> !p.getFileName().toString().startsWith(".")).count();
  }

  @Test
  void aClosedHourBecomesOneFilePerFormatWithEveryRowOnceAndTheSameResumeOffset() throws IOException {
    writeRotatedFiles();
    assertThat(files(Format.PARQUET)).isEqualTo(16);
    long resume = PartitionWriter.recover(layout(), 1);

    HourCompaction.Result done = HourCompaction.compact(layout(), 1, AFTER_BOTH, CompressionCodecName.SNAPPY);

    assertThat(done).isEqualTo(new HourCompaction.Result(2, 32, 4, 40));
    assertThat(files(Format.PARQUET)).isEqualTo(2);
    assertThat(files(Format.CSV)).isEqualTo(2);
    assertThat(parquetRows()).isEqualTo(written);
    assertThat(csvRows()).isEqualTo(40);
    assertThat(layout().finalFiles(Format.PARQUET, "date=2026-11-24/hour=05", 1)).singleElement()
        .extracting(p -> p.getFileName().toString()).isEqualTo("labeled-metrics+1+0000000000+0000000038.parquet");
    assertThat(PartitionWriter.recover(layout(), 1)).as("where a sink resumes").isEqualTo(resume);
    assertThat(HourCompaction.compact(layout(), 1, AFTER_BOTH, CompressionCodecName.SNAPPY).hours()).as("nothing left to merge").isZero();
  }

  @Test
  void anHourThatHasNotClosedIsLeftAlone() throws IOException {
    writeRotatedFiles();
    HourCompaction.Result done = HourCompaction.compact(layout(), 1, Instant.parse("2026-11-24T06:30:00Z"), CompressionCodecName.SNAPPY);
    assertThat(done.hours()).isEqualTo(1);
    assertThat(layout().finalFiles(Format.PARQUET, "date=2026-11-24/hour=06", 1)).hasSize(8);
    assertThat(parquetRows()).isEqualTo(written);
  }

  @Test
  void aCompactionCutShortAfterItsCommitPointIsFinishedByTheNextRecovery() throws IOException {
    writeRotatedFiles();
    FileLayout layout = layout();
    String bucket = "date=2026-11-24/hour=05";
    List<Path> old = new ArrayList<>(layout.finalFiles(Format.PARQUET, bucket, 1));
    old.addAll(layout.finalFiles(Format.CSV, bucket, 1));
    // the merged files are written and the manifest is visible; the crash comes before any rename or delete
    Path mergedParquet = layout.tempFile(Format.PARQUET, bucket, 1, 0);
    Path mergedCsv = layout.tempFile(Format.CSV, bucket, 1, 0);
    Files.copy(layout.finalFiles(Format.PARQUET, bucket, 1).get(0), mergedParquet);
    Files.copy(layout.finalFiles(Format.CSV, bucket, 1).get(0), mergedCsv);
    Path manifest = Files.createDirectories(layout.commitsDir(1)).resolve("00000000000000000038-compact.commit");
    Files.writeString(manifest, dir.relativize(mergedParquet) + "\t" + dir.relativize(layout.finalFile(Format.PARQUET, bucket, 1, 0, 38)) + "\n"
        + dir.relativize(mergedCsv) + "\t" + dir.relativize(layout.finalFile(Format.CSV, bucket, 1, 0, 38)) + "\n"
        + String.join("", old.stream().map(p -> "-\t" + dir.relativize(p) + "\n").toList()));

    new CommitLog(layout.commitsDir(1), dir).recover();

    assertThat(layout.finalFiles(Format.PARQUET, bucket, 1)).singleElement()
        .extracting(p -> p.getFileName().toString()).isEqualTo("labeled-metrics+1+0000000000+0000000038.parquet");
    assertThat(layout.finalFiles(Format.CSV, bucket, 1)).hasSize(1);
    assertThat(Files.list(layout.commitsDir(1))).isEmpty();
  }
}
