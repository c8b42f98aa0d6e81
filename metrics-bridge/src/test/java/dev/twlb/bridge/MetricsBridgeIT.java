package dev.twlb.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.servicekit.FreePort;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeServer;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The bridge scraping real nodes (and one that hangs) into a real broker. */
@ExtendWith(KafkaExtension.class)
class MetricsBridgeIT {
  private static final long INTERVAL_MS = 500;

  @Test
  void samplesEveryNodeEveryIntervalAndShowsDeadOrHangingNodesWithoutDelayingOthers(KafkaFixture kafka) throws Exception {
    Topic<MetricSample> topic = Topics.NODE_METRICS.renamed(KafkaFixture.unique("node-metrics"));
    kafka.createTopics(1, topic.name());
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    List<NodeServer> nodes = new ArrayList<>();
    List<NodeAddress> addresses = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      int port = FreePort.pick("localhost");
      nodes.add(NodeServer.start(new NodeConfig(Map.of(NodeConfig.NODE_ID, "node-" + i, NodeConfig.PORT, port,
          NodeConfig.ASSIGNMENTS_TOPIC, KafkaFixture.unique("fa"), NodeConfig.REPORTS_TOPIC, KafkaFixture.unique("nr"),
          NodeConfig.STARTUP_WAIT_MS, 0L)), props, Clock.systemUTC(), () -> { }));
      addresses.add(new NodeAddress("node-" + i, URI.create("http://localhost:" + port)));
    }
    Vertx vertx = Vertx.vertx();
    HttpServer hanging = vertx.createHttpServer().requestHandler(request -> { /* never answers */ })
        .listen(0, "localhost").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    addresses.add(new NodeAddress("node-hangs", URI.create("http://localhost:" + hanging.actualPort())));

    List<MetricSample> seen = new CopyOnWriteArrayList<>();
    Thread reader = readInBackground(kafka, topic, seen);
    try (MetricsBridge bridge = MetricsBridge.start(new BridgeConfig(Map.of(BridgeConfig.INTERVAL_MS, INTERVAL_MS,
        BridgeConfig.TIMEOUT_MS, 300L, BridgeConfig.TOPIC, topic.name(), BridgeConfig.PORT, 0)), addresses, props)) {
      await().atMost(Duration.ofSeconds(30)).until(() -> count(seen, "node-1", true) >= 6 && count(seen, "node-2", true) >= 6);

      // A fresh JVM's first scrape can miss the 300 ms timeout on a busy machine; from its first answer on, node-1 is up.
      List<MetricSample> answered = of(seen, "node-1").stream().dropWhile(s -> !s.getUp()).toList();
      assertThat(answered).hasSizeGreaterThanOrEqualTo(5).allSatisfy(s -> {
        assertThat(s.getUp()).isTrue();
        assertThat(s.getCpuSecondsTotal()).isPositive();
        assertThat(s.getResidentMemoryBytes()).isGreaterThan(1e6);
        assertThat(s.getHeapUsedBytes()).isPositive();
        assertThat(s.getRequestsTotal()).isNotNull();
      });
      assertThat(of(seen, "node-hangs")).isNotEmpty().allSatisfy(s -> {
        assertThat(s.getUp()).isFalse();
        assertThat(s.getDownReason()).startsWith("timeout");
      });
      assertThat(meanGapMs(of(seen, "node-1"))).as("node-1 cadence while node-hangs hangs").isLessThan(INTERVAL_MS + 150);

      Instant killed = Instant.now();
      nodes.get(1).close();
      await().atMost(Duration.ofSeconds(10)).until(() ->
          of(seen, "node-2").stream().anyMatch(s -> !s.getUp() && s.getTsMs().isAfter(killed)));
      await().atMost(Duration.ofSeconds(10)).until(() -> of(seen, "node-1").stream().filter(s -> s.getTsMs().isAfter(killed)).count() >= 4);
      assertThat(of(seen, "node-2").stream().filter(s -> s.getTsMs().isAfter(killed.plusMillis(INTERVAL_MS))))
          .allSatisfy(s -> assertThat(s.getDownReason()).startsWith("refused"));
      assertThat(meanGapMs(of(seen, "node-1"))).as("node-1 cadence after node-2 died").isLessThan(INTERVAL_MS + 150);
      assertThat(bridge.published()).isPositive();
    } finally {
      reader.interrupt();
      nodes.get(0).close();
      vertx.close();
    }
  }

  private static long count(List<MetricSample> seen, String node, boolean up) {
    return seen.stream().filter(s -> s.getNodeId().equals(node) && s.getUp() == up).count();
  }

  private static List<MetricSample> of(List<MetricSample> seen, String node) {
    return seen.stream().filter(s -> s.getNodeId().equals(node)).collect(Collectors.toList());
  }

  /**
   * The mean time between a node's scrapes. Scraped one after the other, node-1 would wait for node-hangs' 300 ms
   * timeout every round (800 ms apart); scraped concurrently, 500 ms. A mean is not thrown by one late timer on a
   * busy machine, as a maximum would be.
   */
  private static double meanGapMs(List<MetricSample> samples) {
    long span = samples.get(samples.size() - 1).getTsMs().toEpochMilli() - samples.get(0).getTsMs().toEpochMilli();
    return (double) span / (samples.size() - 1);
  }

  private static Thread readInBackground(KafkaFixture kafka, Topic<MetricSample> topic, List<MetricSample> into) {
    Thread thread = new Thread(() -> {
      try (KafkaConsumer<String, MetricSample> consumer = new KafkaConsumer<>(Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "group.id", KafkaFixture.unique("g"), "auto.offset.reset", "earliest"),
          new StringDeserializer(), topic.valueSerde(kafka.serdeConfig()).deserializer())) {
        consumer.subscribe(List.of(topic.name()));
        while (!Thread.currentThread().isInterrupted()) {
          consumer.poll(Duration.ofMillis(100)).forEach(r -> into.add(r.value()));
        }
      } catch (org.apache.kafka.common.errors.InterruptException e) {
        // test over
      }
    }, "test-reader");
    thread.start();
    return thread;
  }
}
