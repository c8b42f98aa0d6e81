package dev.twlb.sink.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.sink.Rows;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
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
}
