package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.traffic.TrafficGenerator;
import dev.twlb.traffic.TrafficStats;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Faults as the balancer sees them, with real nodes, a real balancer, real traffic and a real broker. */
@ExtendWith(KafkaExtension.class)
class ClusterIT {

  @Test
  void eachFaultShowsAsItsOutcomeAndTheLiarReportsFarLessThanObserved(KafkaFixture kafka) {
    try (TestCluster cluster = new TestCluster(kafka, 5, Map.of())) {
      Instant from = Instant.now().plusMillis(2_500);
      cluster.assign(Map.of("node-1", "delay", "node-2", "500-error", "node-3", "corrupt", "node-4", "lie-latency",
              "node-5", "benign"),
          Map.of("node-1", Map.of("delay_ms", 6_000.0), "node-3", Map.of("corrupt_rate", 1.0),
              "node-4", Map.of("delay_ms", 3_500.0)),
          from, from.plusSeconds(120));

      TrafficStats traffic;
      try (TrafficGenerator generator = TrafficGenerator.start(new TrafficConfig(Map.of(
          TrafficConfig.TARGET, cluster.lb.url() + "/process", TrafficConfig.RATE, 25.0, TrafficConfig.DURATION_MS, 4_000L)))) {
        traffic = generator.done().join();
        await().atMost(Duration.ofSeconds(20)).until(() -> generator.stats().answered() + generator.stats().failed() >= traffic.sent());
      }
      List<RequestEvent> events = TopicIO.consume(kafka, cluster.events, (int) traffic.sent(), Duration.ofSeconds(30));
      assertThat(events).hasSize((int) traffic.sent());

      Map<String, List<RequestEvent>> byNode = events.stream().collect(Collectors.groupingBy(RequestEvent::getNodeId));
      assertThat(outcomes(byNode.get("node-1"))).containsOnly(Outcome.TIMEOUT);
      assertThat(outcomes(byNode.get("node-2"))).containsOnly(Outcome.HTTP_ERROR);
      assertThat(outcomes(byNode.get("node-3"))).containsOnly(Outcome.BAD_RESPONSE);
      assertThat(outcomes(byNode.get("node-4"))).containsOnly(Outcome.OK);
      assertThat(outcomes(byNode.get("node-5"))).containsOnly(Outcome.OK);
      assertThat(byNode.get("node-1")).allSatisfy(e -> assertThat(e.getLatencyMs()).isBetween(5_000.0, 5_500.0));
      assertThat(byNode.get("node-2")).allSatisfy(e -> assertThat(e.getStatusCode()).isEqualTo(500));

      List<RequestEvent> lied = byNode.get("node-4");
      List<NodeReport> reports = TopicIO.consume(kafka, cluster.reports, events.size() - byNode.get("node-1").size(),
          Duration.ofSeconds(30));
      Map<String, NodeReport> reportById = reports.stream().collect(Collectors.toMap(NodeReport::getRequestId, Function.identity()));
      assertThat(lied).isNotEmpty().allSatisfy(event -> {
        assertThat(event.getLatencyMs()).isGreaterThan(3_400.0);
        assertThat(reportById.get(event.getRequestId()).getReportedLatencyMs()).isLessThan(100.0);
      });
    }
  }

  @Test
  void twoHundredDelayedRequestsInFlightDoNotSlowBenignAnswers(KafkaFixture kafka) throws Exception {
    // A long timeout and a longer delay leave a busy 2-core machine 12 s to show that the benign answers come first.
    try (TestCluster cluster = new TestCluster(kafka, 2, Map.of(LbConfig.STRATEGY, "round-robin", LbConfig.TIMEOUT_MS, 12_000L))) {
      Instant from = Instant.now().plusMillis(2_000);
      cluster.assign(Map.of("node-1", "delay", "node-2", "benign"), Map.of("node-1", Map.of("delay_ms", 15_000.0)),
          from, from.plusSeconds(120));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest process = HttpRequest.newBuilder(URI.create(cluster.lb.url() + "/process")).build();

      List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        burst.add(http.sendAsync(process, HttpResponse.BodyHandlers.discarding()));
      }
      await().atMost(Duration.ofSeconds(6)).until(() -> burst.stream().filter(CompletableFuture::isDone).count() == 200);
      List<CompletableFuture<HttpResponse<Void>>> hanging = new ArrayList<>(burst.stream().filter(f -> !f.isDone()).toList());
      assertThat(burst).filteredOn(CompletableFuture::isDone)
          .allMatch(f -> f.join().headers().firstValue(LoadBalancer.NODE_HEADER).orElse("").equals("node-2"));

      // Now, with 200 requests hanging on node-1 for 12 s, ten more at once: round-robin sends five to each node.
      // node-2's five are answered while all of node-1's still hang: no hanging request holds a thread.
      List<CompletableFuture<HttpResponse<Void>>> next = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        next.add(http.sendAsync(process, HttpResponse.BodyHandlers.discarding()));
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> next.stream().filter(CompletableFuture::isDone).count() == 5);
      assertThat(hanging).as("node-1's requests, answered only after the balancer's timeout").noneMatch(CompletableFuture::isDone);
      assertThat(next).filteredOn(CompletableFuture::isDone).hasSize(5)
          .allMatch(f -> f.join().headers().firstValue(LoadBalancer.NODE_HEADER).orElse("").equals("node-2"));
      hanging.addAll(next.stream().filter(f -> !f.isDone()).toList());
      assertThat(hanging).hasSize(205);

      CompletableFuture.allOf(hanging.toArray(CompletableFuture[]::new)).join();
      assertThat(hanging).allMatch(f -> f.join().statusCode() == 504);
    }
  }

  private static List<Outcome> outcomes(List<RequestEvent> events) {
    assertThat(events).as("events of a node").isNotEmpty();
    return events.stream().map(RequestEvent::getOutcome).toList();
  }
}
