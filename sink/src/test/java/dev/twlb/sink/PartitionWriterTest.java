package dev.twlb.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.sink.format.Format;
import dev.twlb.sink.format.FormattingThread;
import dev.twlb.sink.storage.FileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionWriterTest {
  private static final Instant HOUR_3 = Instant.parse("2026-11-24T03:59:55Z");
  private static final Instant HOUR_4 = Instant.parse("2026-11-24T04:00:00Z");

  @TempDir
  Path dir;

  /** CSV on a thread of its own, as the sink writes it. */
  private final FormattingThread formatting = FormattingThread.named("csv-test");

  @AfterEach
  void stopFormatting() {
    formatting.close();
  }

  private PartitionWriter writer(int rotateRecords) {
    return new PartitionWriter(new FileLayout(dir, "labeled-metrics"), 2,
        new SinkConfig(Map.of(SinkConfig.DATA_DIR, dir.toString(), SinkConfig.ROTATE_RECORDS, rotateRecords)), formatting);
  }

  private List<Path> visible(Format format) {
    return new FileLayout(dir, "labeled-metrics").files(format).stream()
        .filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
  }

  @Test
  void filesAreBucketedByWindowStartAndNamedByTheirOffsets() throws IOException {
    PartitionWriter writer = writer(100);
    writer.write(7, Rows.row(0, HOUR_3, "benign"), 0);
    writer.write(8, Rows.row(1, HOUR_4, "delay"), 0);
    writer.write(10, Rows.row(2, HOUR_3, "benign"), 0);
    assertThat(visible(Format.PARQUET)).isEmpty();

    writer.commit();
    PartitionWriter.Committed done = writer.committed(true).get(0);

    assertThat(done.nextOffset()).isEqualTo(11);
    assertThat(done.files()).isEqualTo(4);
    assertThat(done.rowsByFault()).isEqualTo(Map.of("benign", 2L, "delay", 1L));
    assertThat(visible(Format.PARQUET)).extracting(p -> dir.relativize(p).toString()).containsExactly(
        "parquet/date=2026-11-24/hour=03/labeled-metrics+2+0000000007+0000000010.parquet",
        "parquet/date=2026-11-24/hour=04/labeled-metrics+2+0000000008+0000000008.parquet");
    assertThat(visible(Format.CSV)).extracting(p -> dir.relativize(p).toString()).containsExactly(
        "csv/date=2026-11-24/hour=03/labeled-metrics+2+0000000007+0000000010.csv",
        "csv/date=2026-11-24/hour=04/labeled-metrics+2+0000000008+0000000008.csv");
    assertThat(readParquet(visible(Format.PARQUET).get(0))).extracting(r -> r.get("request_count")).containsExactly(0L, 2L);
    assertThat(Files.readAllLines(visible(Format.CSV).get(1))).hasSize(2);
    writer.commit();
    assertThat(writer.committed(true)).as("nothing was open").isEmpty();
  }

  @Test
  void rotatesByRowCountOrAgeWhicheverComesFirst() throws IOException {
    PartitionWriter writer = writer(3);
    writer.write(0, Rows.row(0, HOUR_3, "benign"), 1_000);
    assertThat(writer.shouldRotate(1_000)).isFalse();
    assertThat(writer.shouldRotate(1_000 + PartitionWriter.FIRST_FILE_WITHIN_MS)).as("the first file comes early").isTrue();
    writer.commit();
    writer.write(1, Rows.row(1, HOUR_3, "benign"), 10_000);
    assertThat(writer.shouldRotate(10_000 + PartitionWriter.FIRST_FILE_WITHIN_MS)).as("later ones at the interval").isFalse();
    assertThat(writer.shouldRotate(10_000 + 30_000)).isTrue();
    writer.write(2, Rows.row(2, HOUR_3, "benign"), 10_001);
    writer.write(3, Rows.row(3, HOUR_3, "benign"), 10_002);
    assertThat(writer.shouldRotate(10_002)).as("3 rows").isTrue();
    writer.commit();
    assertThat(writer.shouldRotate(1_000_000)).as("nothing open").isFalse();
  }

  @Test
  void aCommitRunsOnTheFormattingThreadWhileTheNextRowsGoToNewFiles() throws Exception {
    CountDownLatch busy = BusyThread.occupy(formatting);
    PartitionWriter writer = writer(100);
    writer.write(0, Rows.row(0, HOUR_3, "benign"), 0);
    writer.commit();
    writer.write(1, Rows.row(1, HOUR_4, "delay"), 0);

    assertThat(writer.committed(false)).as("the formatting thread is busy").isEmpty();
    assertThat(visible(Format.PARQUET)).isEmpty();
    busy.countDown();
    assertThat(writer.committed(true)).extracting(PartitionWriter.Committed::nextOffset).containsExactly(1L);
    assertThat(visible(Format.PARQUET)).as("the first commit's file; the next row's is still open").hasSize(1);
    writer.commit();
    assertThat(writer.committed(true)).extracting(PartitionWriter.Committed::nextOffset).containsExactly(2L);
    assertThat(visible(Format.PARQUET)).hasSize(2);
    assertThat(visible(Format.CSV)).hasSize(2);
  }

  @Test
  void recoveryDeletesUnfinishedFilesAndResumesAfterTheLastCommittedOne() throws IOException {
    PartitionWriter writer = writer(100);
    writer.write(0, Rows.row(0, HOUR_3, "benign"), 0);
    writer.write(1, Rows.row(1, HOUR_3, "benign"), 0);
    writer.commit();
    writer.committed(true);
    writer.write(2, Rows.row(2, HOUR_3, "benign"), 0); // then the process dies: these files stay temporary

    FileLayout layout = new FileLayout(dir, "labeled-metrics");
    assertThat(layout.files(Format.CSV)).hasSize(2);
    assertThat(PartitionWriter.recover(layout, 2)).isEqualTo(2);
    assertThat(layout.files(Format.CSV)).hasSize(1);
    assertThat(layout.files(Format.PARQUET)).hasSize(1);
    assertThat(PartitionWriter.recover(layout, 3)).as("another partition has no file").isEqualTo(-1);
  }

  static List<GenericRecord> readParquet(Path file) throws IOException {
    List<GenericRecord> rows = new ArrayList<>();
    try (ParquetReader<GenericRecord> reader = AvroParquetReader.genericRecordReader(new LocalInputFile(file))) {
      for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
        rows.add(r);
      }
    }
    return rows;
  }

}
