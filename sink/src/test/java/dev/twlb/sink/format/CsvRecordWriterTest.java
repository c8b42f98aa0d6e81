package dev.twlb.sink.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.sink.Rows;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvRecordWriterTest {
  @TempDir
  Path dir;

  @Test
  void theHeaderStartsWithThePrototypesColumnsAndValuesAreQuotedAsRfc4180Says() throws Exception {
    Path file = dir.resolve("rows.csv");
    LabeledWindow tricky = Rows.row(3, Instant.parse("2026-11-24T03:00:05Z"), "lie-latency");
    tricky.setNodeId("node \"7\", rack 2");
    try (RecordWriter writer = Format.CSV.open(file, null)) {
      writer.write(tricky);
    }

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).startsWith(
        "timestamp,node_id,avg_latency_seconds,error_500_count,cpu_usage_rate,resident_mem_mb,fault_type,");
    try (Reader in = Files.newBufferedReader(file)) {
      List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
      assertThat(records).hasSize(1);
      CSVRecord row = records.get(0);
      assertThat(row.get("node_id")).isEqualTo("node \"7\", rack 2");
      assertThat(row.get("timestamp")).isEqualTo("2026-11-24T03:00:05Z");
      assertThat(row.get("avg_latency_seconds")).as("a missing value").isEmpty();
      assertThat(row.get("fault_type")).isEqualTo("lie-latency");
      assertThat(row.get("request_count")).isEqualTo("3");
      assertThat(row.get("is_transition")).isEqualTo("false");
    }
  }

  @Test
  void everyValueReadsBackAsItsTextWhetherOrNotItNeededQuotes() throws Exception {
    Path file = dir.resolve("many.csv");
    SplittableRandom random = new SplittableRandom(3);
    List<LabeledWindow> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      LabeledWindow row = Rows.row(i, Instant.parse("2026-11-24T03:00:00Z").plusSeconds(5L * (i / 3)), i % 7 == 0 ? "a,b \"c\"" : "delay");
      row.setAvgLatencySeconds(i % 5 == 0 ? null : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 12)));
      row.setCpuUsageRate(i % 11 == 0 ? Double.NaN : -random.nextDouble());
      row.setTransitionReason(i % 3 == 0 ? null : i % 3 == 1 ? "" : " padded ");
      rows.add(row);
    }
    try (RecordWriter writer = Format.CSV.open(file, null)) {
      for (LabeledWindow row : rows) {
        writer.write(row);
      }
    }

    try (Reader in = Files.newBufferedReader(file)) {
      List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
      assertThat(records).hasSize(rows.size());
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < CsvRecordWriter.COLUMNS.size(); c++) {
          Object value = rows.get(r).get(c);
          String text = records.get(r).get(c);
          if (value instanceof Double d) {
            assertThat(Double.valueOf(text)).as("row %d, %s", r, CsvRecordWriter.COLUMNS.get(c)).isEqualTo(d);
          } else {
            assertThat(text).as("row %d, %s", r, CsvRecordWriter.COLUMNS.get(c)).isEqualTo(value == null ? "" : value.toString());
          }
        }
      }
    }
  }
}
