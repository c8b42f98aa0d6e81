package dev.twlb.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.sink.format.Format;
import dev.twlb.sink.storage.FileLayout;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sink on a real broker, its files read back by DuckDB (a reader that shares no code with the writer). */
@ExtendWith(KafkaExtension.class)
class SinkIT {
  @TempDir
  Path data;

  private LabeledWindowSink sink(KafkaFixture kafka, String topic, long rotateMs, int rotateRecords) {
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    return LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR, data.toString(), SinkConfig.TOPIC, topic,
        SinkConfig.GROUP_ID, KafkaFixture.unique("sink"), SinkConfig.ROTATE_INTERVAL_MS, rotateMs,
        SinkConfig.ROTATE_RECORDS, rotateRecords, SinkConfig.PORT, 0)), props);
  }

  @Test
  void oneRecordAloneStillBecomesAFileWithinTheRotationInterval(KafkaFixture kafka) {
    Topic<LabeledWindow> topic = Topics.LABELED_METRICS.renamed(KafkaFixture.unique("lm"));
    kafka.createTopics(1, topic.name());
    try (LabeledWindowSink sink = sink(kafka, topic.name(), 2_000, 10_000)) {
      TopicIO.produce(kafka, topic, List.of(Rows.row(42, Instant.parse("2026-11-24T03:00:00Z"), "crash")));
      await().atMost(Duration.ofSeconds(20)).until(() -> sink.metrics().rows() == 1);
      FileLayout layout = new FileLayout(data, topic.name());
      assertThat(layout.files(Format.PARQUET)).singleElement()
          .satisfies(p -> assertThat(p.toString()).endsWith("date=2026-11-24/hour=03/" + topic.name() + "+0+0000000000+0000000000.parquet"));
      assertThat(layout.files(Format.CSV)).hasSize(1);
      assertThat(sink.metrics().rowsByFault()).isEqualTo(Map.of("crash", 1L));
    }
  }

  @Test
  void parquetAndCsvHoldTheSameRowsAcrossPartitionsAndRotations(KafkaFixture kafka) throws Exception {
    Topic<LabeledWindow> topic = Topics.LABELED_METRICS.renamed(KafkaFixture.unique("lm"));
    kafka.createTopics(3, topic.name());
    List<LabeledWindow> rows = new ArrayList<>();
    Instant start = Instant.parse("2026-11-24T03:58:00Z");
    for (long i = 0; i < 500; i++) {
      rows.add(Rows.row(i, start.plusSeconds(i), i % 2 == 0 ? "benign" : "delay"));
    }
    try (LabeledWindowSink sink = sink(kafka, topic.name(), 60_000, 70)) {
      TopicIO.produce(kafka, topic, rows);
      // every row read (six 70-row files committed did not say that: a partition's last rows could be unfetched)
      await().atMost(Duration.ofSeconds(30)).until(() -> sink.metrics().received() == rows.size());
      assertThat(sink.metrics().scrape()).as("/metrics").containsPattern("(?m)^sink_csv_waits_total 0\\.0$");
    } // closing finishes the files still open
    assertThat(sequences(data, topic.name(), "read_parquet")).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
    assertThat(sequences(data, topic.name(), "read_csv")).containsExactlyElementsOf(LongStream.range(0, 500).boxed().toList());
  }

  /** The request_count (a sequence number here) of every row in every file of one format, sorted, duplicates kept. */
  static List<Long> sequences(Path data, String topic, String reader) throws Exception {
    String ext = reader.equals("read_parquet") ? "parquet" : "csv";
    String glob = data.resolve(ext).toString() + "/**/" + topic + "+*." + ext;
    String options = ext.equals("csv") ? ", header = true" : "";
    List<Long> values = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery("SELECT request_count FROM " + reader + "('" + glob + "'" + options + ") ORDER BY 1")) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }
}
