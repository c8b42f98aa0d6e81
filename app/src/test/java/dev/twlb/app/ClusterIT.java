package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.lb.traffic.TrafficConfig;
import dev.twlb.lb.traffic.TrafficGenerator;
import dev.twlb.lb.traffic.TrafficStats;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
      await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(from.plusMillis(200)));

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
    try (TestCluster cluster = new TestCluster(kafka, 2, Map.of(LbConfig.STRATEGY, "round-robin"))) {
      Instant from = Instant.now().plusMillis(2_000);
      cluster.assign(Map.of("node-1", "delay", "node-2", "benign"), Map.of("node-1", Map.of("delay_ms", 6_000.0)),
          from, from.plusSeconds(120));
      await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(from.plusMillis(200)));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      HttpRequest process = HttpRequest.newBuilder(URI.create(cluster.lb.url() + "/process")).build();

      List<CompletableFuture<HttpResponse<Void>>> burst = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        burst.add(http.sendAsync(process, HttpResponse.BodyHandlers.discarding()));
      }
      await().atMost(Duration.ofSeconds(4)).until(() -> burst.stream().filter(CompletableFuture::isDone).count() == 200);
      List<CompletableFuture<HttpResponse<Void>>> hanging = new ArrayList<>(burst.stream().filter(f -> !f.isDone()).toList());
      assertThat(burst).filteredOn(CompletableFuture::isDone)
          .allMatch(f -> f.join().headers().firstValue(LoadBalancer.NODE_HEADER).orElse("").equals("node-2"));

      // Now, with 200 requests hanging on node-1, one request at a time: round-robin alternates, so every
      // second one is node-2's. An answer within 300 ms is benign; a request still open then is node-1's.
      List<Long> benignMillis = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> next = http.sendAsync(process, HttpResponse.BodyHandlers.discarding());
        try {
          HttpResponse<Void> answer = next.get(300, TimeUnit.MILLISECONDS);
          benignMillis.add((System.nanoTime() - started) / 1_000_000);
          assertThat(answer.headers().firstValue(LoadBalancer.NODE_HEADER)).hasValue("node-2");
        } catch (TimeoutException stillOpen) {
          hanging.add(next);
        }
      }
      assertThat(hanging).hasSize(205).noneMatch(CompletableFuture::isDone);
      System.out.println("benign answers while 200+ requests hang, ms: " + benignMillis);
      assertThat(benignMillis).hasSize(5).allMatch(ms -> ms < 250, "each benign answer within 250 ms while 200+ hang");

      CompletableFuture.allOf(hanging.toArray(CompletableFuture[]::new)).join();
      assertThat(hanging).allMatch(f -> f.join().statusCode() == 504);
    }
  }

  private static List<Outcome> outcomes(List<RequestEvent> events) {
    assertThat(events).as("events of a node").isNotEmpty();
    return events.stream().map(RequestEvent::getOutcome).toList();
  }
}
