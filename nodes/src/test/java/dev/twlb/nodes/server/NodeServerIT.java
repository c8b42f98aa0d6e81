package dev.twlb.nodes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.servicekit.FreePort;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** One real node (in this JVM) against a real broker: timing of assignments, non-blocking faults, metrics, reports. */
@ExtendWith(KafkaExtension.class)
class NodeServerIT {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private final List<AutoCloseable> started = new ArrayList<>();
  private Topic<FaultAssignment> assignments;
  private Topic<NodeReport> reports;
  private Topic<FaultConfirmation> confirmations;

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : started) {
      c.close();
    }
  }

  private NodeServer node(KafkaFixture kafka, String id) {
    assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
    reports = Topics.NODE_REPORTS.renamed(KafkaFixture.unique("reports"));
    confirmations = Topics.FAULT_CONFIRMATIONS.renamed(KafkaFixture.unique("confirmations"));
    kafka.createTopics(1, assignments.name(), reports.name(), confirmations.name());
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    NodeServer node = NodeServer.start(new NodeConfig(Map.of(NodeConfig.NODE_ID, id, NodeConfig.PORT, FreePort.pick("localhost"),
        NodeConfig.ASSIGNMENTS_TOPIC, assignments.name(), NodeConfig.REPORTS_TOPIC, reports.name(),
        NodeConfig.CONFIRMATIONS_TOPIC, confirmations.name())),
        props, Clock.systemUTC(), () -> { throw new AssertionError("no crash in this test"); });
    started.add(node);
    return node;
  }

  static FaultAssignment assignment(String node, String fault, Map<String, Double> params, Instant from, Instant until) {
    return FaultAssignment.newBuilder().setEpochId(0).setNodeId(node).setFaultType(fault).setParams(params)
        .setEffectiveFromMs(from).setEffectiveUntilMs(until).setSeed(1).setRunId("test").build();
  }

  private HttpResponse<String> get(String url) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  record Probe(long sentMs, long answeredMs, int status) {}

  @Test
  void anAssignmentTakesEffectAtEffectiveFromNotWhenRead(KafkaFixture kafka) {
    NodeServer node = node(kafka, "node-1");
    Instant from = Instant.now().plusMillis(2_500).truncatedTo(ChronoUnit.MILLIS); // as Avro's timestamp-millis holds it
    TopicIO.produce(kafka, assignments, List.of(assignment("node-1", "500-error", Map.of(), from, from.plusSeconds(60))));

    List<Probe> probes = new ArrayList<>();
    while (System.currentTimeMillis() < from.toEpochMilli() + 500) {
      long sent = System.currentTimeMillis();
      int status = get(node.url() + "/process").statusCode();
      probes.add(new Probe(sent, System.currentTimeMillis(), status));
    }

    long at = from.toEpochMilli();
    assertThat(probes).filteredOn(p -> p.answeredMs() < at).isNotEmpty().allMatch(p -> p.status() == 200);
    assertThat(probes).filteredOn(p -> p.sentMs() >= at + 100).isNotEmpty().allMatch(p -> p.status() == 500);
    FaultConfirmation confirmed = TopicIO.consume(kafka, confirmations, 1, Duration.ofSeconds(30)).get(0);
    assertThat(confirmed.getFaultType()).isEqualTo("500-error");
    assertThat(confirmed.getAppliedFromMs()).as("in force from its effective_from, read ahead of it").isEqualTo(from);
    assertThat(confirmed.getConfirmedAtMs()).isAfterOrEqualTo(from);
  }

  @Test
  void anAssignmentReadAfterItsStartIsConfirmedFromWhenItWasRead(KafkaFixture kafka) {
    NodeServer node = node(kafka, "node-4");
    Instant from = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
    Instant published = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    TopicIO.produce(kafka, assignments, List.of(assignment("node-4", "corrupt", Map.of("corrupt_rate", 1.0), from,
        from.plusSeconds(60))));

    FaultConfirmation confirmed = TopicIO.consume(kafka, confirmations, 1, Duration.ofSeconds(30)).get(0);
    assertThat(confirmed.getNodeId()).isEqualTo(node.id());
    assertThat(confirmed.getEffectiveFromMs()).isEqualTo(from);
    assertThat(confirmed.getAppliedFromMs()).as("not before the node could have read it").isAfterOrEqualTo(published);
  }

  @Test
  void twoHundredDelayedRequestsInFlightDoNotSlowTheNodesOtherAnswers(KafkaFixture kafka) {
    NodeServer node = node(kafka, "node-2");
    Instant from = Instant.now().plusMillis(2_000);
    TopicIO.produce(kafka, assignments, List.of(assignment("node-2", "slow", Map.of("added_ms", 4000.0), from, from.plusSeconds(60))));
    await().atMost(Duration.ofSeconds(30)).until(() -> get(node.url() + "/health").body().contains("\"fault_type\":\"slow\""));

    List<CompletableFuture<HttpResponse<Void>>> delayed = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      delayed.add(http.sendAsync(HttpRequest.newBuilder(URI.create(node.url() + "/process")).build(),
          HttpResponse.BodyHandlers.discarding()));
    }
    for (int i = 0; i < 20; i++) {
      assertThat(get(node.url() + "/health").statusCode()).isEqualTo(200);
    }
    assertThat(delayed).as("the 4 s answers, all still open while /health answered 20 times").noneMatch(CompletableFuture::isDone);

    CompletableFuture.allOf(delayed.toArray(CompletableFuture[]::new)).join();
    assertThat(delayed).allMatch(f -> f.join().statusCode() == 200);
  }

  @Test
  void metricsCarryTheSeedsNamesAndEveryServedRequestIsReported(KafkaFixture kafka) {
    NodeServer node = node(kafka, "node-3");
    for (int i = 0; i < 5; i++) {
      assertThat(get(node.url() + "/process").body()).contains("\"node_id\":\"node-3\"").contains("\"checksum\"");
    }
    String metrics = get(node.url() + "/metrics").body();
    assertThat(metrics).contains("process_cpu_seconds_total", "process_resident_memory_bytes",
        "jvm_memory_used_bytes", "node_requests_total{", "status=\"200\"", "node_request_latency_seconds_bucket",
        "node_request_latency_seconds_count");

    List<NodeReport> reported = TopicIO.consume(kafka, reports, 5, Duration.ofSeconds(30));
    assertThat(reported).hasSize(5).allSatisfy(r -> {
      assertThat(r.getNodeId()).isEqualTo("node-3");
      assertThat(r.getStatusCode()).isEqualTo(200);
      assertThat(r.getReportedLatencyMs()).isPositive();
    });
  }
}
