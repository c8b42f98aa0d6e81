package dev.twlb.app;

import dev.twlb.app.run.NodeSupervisor;
import dev.twlb.app.run.ChildPrograms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.servicekit.FreePort;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.traffic.TrafficGenerator;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A crash fault kills the node's process for real; the supervisor brings it back for its next epoch. */
@ExtendWith(KafkaExtension.class)
class CrashIT {
  private static final Duration CRASH_EPOCH = Duration.ofSeconds(8);

  @TempDir
  Path logs;

  @Test
  void crashGivesConnectErrorsForTheEpochAndServiceAgainAfterwards(KafkaFixture kafka) throws Exception {
    Topic<FaultAssignment> assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
    Topic<RequestEvent> events = Topics.REQUEST_EVENTS.renamed(KafkaFixture.unique("events"));
    String reports = KafkaFixture.unique("reports");
    kafka.createTopics(1, assignments.name(), events.name(), reports);
    int port = FreePort.pick("localhost");
    List<String> nodeArgs = List.of("node", "--id", "node-1", "--port", Integer.toString(port),
        "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", kafka.registryUrl(),
        "--assignments-topic", assignments.name(), "--reports-topic", reports);
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());

    try (NodeSupervisor supervisor = new NodeSupervisor(ChildPrograms.thisProgram("128m"), Map.of("node-1", nodeArgs), logs);
         LoadBalancer lb = LoadBalancer.start(new LbConfig(Map.of(LbConfig.PORT, 0, LbConfig.EVENTS_TOPIC, events.name())),
             List.of(new NodeAddress("node-1", URI.create("http://localhost:" + port))), props)) {
      supervisor.start();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

      Instant crashFrom = Instant.now().plusSeconds(3);
      Instant crashUntil = crashFrom.plus(CRASH_EPOCH);
      TopicIO.produce(kafka, assignments, List.of(
          assignment(0, "crash", crashFrom, crashUntil), assignment(1, "benign", crashUntil, crashUntil.plusSeconds(60))));

      long runFor = Duration.between(Instant.now(), crashUntil.plusSeconds(4)).toMillis();
      long sent;
      try (TrafficGenerator traffic = TrafficGenerator.start(new TrafficConfig(Map.of(
          TrafficConfig.TARGET, lb.url() + "/process", TrafficConfig.RATE, 20.0, TrafficConfig.DURATION_MS, runFor)))) {
        sent = traffic.done().join().sent();
      }
      List<RequestEvent> seen = TopicIO.consume(kafka, events, (int) sent, Duration.ofSeconds(30));
      System.out.println("crash epoch " + crashFrom + " to " + crashUntil + "; node log:\n" + Files.readString(logs.resolve("node-1.log")));

      // Requests answered before the crash were served. The process dies within moments of the crash
      // start (a JVM halt on a loaded machine takes up to a few hundred ms); requests in flight then, or
      // sent on a kept-alive connection, see it reset. From then on, connections are refused.
      assertThat(seen).filteredOn(e -> e.getTsMs().plusMillis((long) e.getLatencyMs()).isBefore(crashFrom)).isNotEmpty()
          .allMatch(e -> e.getOutcome() == Outcome.OK);
      assertThat(seen).filteredOn(e -> between(e, crashFrom.plusSeconds(1), crashUntil)).hasSizeGreaterThan(50)
          .allMatch(e -> e.getOutcome() == Outcome.CONNECT_ERROR);
      assertThat(seen).filteredOn(e -> e.getTsMs().isAfter(crashUntil.plusMillis(500))).hasSizeGreaterThan(20)
          .allMatch(e -> e.getOutcome() == Outcome.OK);
      assertThat(supervisor.restarts("node-1")).isEqualTo(1);
      assertThat(Files.readString(logs.resolve("node-1.log"))).contains("the process dies now");
    }
    assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)).isEmpty();
  }

  private static boolean between(RequestEvent e, Instant from, Instant until) {
    return !e.getTsMs().isBefore(from) && e.getTsMs().isBefore(until);
  }

  private static FaultAssignment assignment(long epoch, String fault, Instant from, Instant until) {
    return FaultAssignment.newBuilder().setEpochId(epoch).setNodeId("node-1").setFaultType(fault).setParams(Map.of())
        .setEffectiveFromMs(from).setEffectiveUntilMs(until).setSeed(0).setRunId("crash-it").build();
  }
}
