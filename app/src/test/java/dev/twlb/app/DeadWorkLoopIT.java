package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.sink.Rows;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import java.time.Instant;
import java.util.HashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service whose work dies under it says why and exits 1, instead of serving /metrics over nothing. Each case breaks
 * the service for real against a real broker: a sink whose data directory cannot hold files, a labeler whose input
 * topics do not exist (on a broker of its own, so no other test's topics are there), a bridge whose samples cannot
 * be encoded.
 */
@ExtendWith(KafkaExtension.class)
class DeadWorkLoopIT {
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(120);

  @TempDir
  static Path dir;

  private static EmbeddedBroker broker;

  @BeforeAll
  static void startBroker() {
    broker = EmbeddedBroker.start(new BrokerConfig(Map.of(BrokerConfig.DATA_DIR, dir.resolve("kafka").toString(), BrokerConfig.PORT, 0)));
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void aSinkThatCannotWriteItsFilesExitsWithTheReason(KafkaFixture kafka) throws Exception {
    Topic<LabeledWindow> topic = Topics.LABELED_METRICS.renamed(KafkaFixture.unique("dead-sink"));
    kafka.createTopics(1, topic.name());
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, LabeledWindow> producer = KafkaClients.producer(topic, props)) {
      LabeledWindow row = Rows.row(0, Instant.parse("2026-11-25T06:00:00Z"), "benign");
      producer.send(new ProducerRecord<>(topic.name(), row.getNodeId(), row)).get(30, TimeUnit.SECONDS);
    }
    Path data = Files.createDirectories(dir.resolve("sink-data"));
    Files.writeString(data.resolve("parquet"), "a file where the sink's folder should be");
    try (TwlbProcess sink = TwlbProcess.start("sink", "--bootstrap-servers", kafka.bootstrapServers(),
        "--schema-registry-url", kafka.registryUrl(), "--topic", topic.name(), "--group-id", KafkaFixture.unique("dead-sink"),
        "--data-dir", data.toString(), "--port", "0")) {
      assertThat(sink.waitForExit(EXIT_WITHIN)).as(String.join("\n", sink.output())).isEqualTo(1);
      assertThat(sink.output()).anyMatch(line -> line.startsWith("twlb sink stopped: ") && line.contains("parquet"));
    }
  }

  @Test
  void aLabelerWhoseInputTopicsAreMissingExitsWithTheReason() throws Exception {
    // Streams replaces a failed thread; a new member is seen only once the old one's session ends, so a short
    // session makes the three failures that stop the labeler come within seconds instead of minutes.
    Path clientConfig = Files.writeString(dir.resolve("labeler.properties"), "session.timeout.ms=6000\n");
    try (TwlbProcess labeler = TwlbProcess.start("labeler", "--bootstrap-servers", broker.bootstrapServers(),
        "--kafka-config", clientConfig.toString(), "--schema-registry-url", "http://localhost:1",
        "--state-dir", dir.resolve("labeler-state").toString(), "--application-id", "labeler-without-topics", "--port", "0")) {
      assertThat(labeler.waitForExit(EXIT_WITHIN)).as(String.join("\n", labeler.output())).isEqualTo(1);
      assertThat(labeler.output()).anyMatch(line -> line.startsWith("twlb labeler stopped: ") && line.contains("source topics"));
    }
  }

  @Test
  void aBridgeWhoseSamplesCannotReachKafkaExitsWithTheReason() throws Exception {
    try (TwlbProcess bridge = TwlbProcess.start("metrics-bridge", "--bootstrap-servers", broker.bootstrapServers(),
        "--schema-registry-url", "http://localhost:1", "--nodes", "node-1=http://localhost:1", "--interval", "200ms",
        "--scrape-timeout", "100ms", "--publish-stall-limit", "2s", "--port", "0")) {
      assertThat(bridge.waitForExit(EXIT_WITHIN)).as(String.join("\n", bridge.output())).isEqualTo(1);
      assertThat(bridge.output()).anyMatch(line -> line.startsWith("twlb metrics-bridge stopped: nothing reached node-metrics"));
    }
  }
}
