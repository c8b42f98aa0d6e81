package dev.twlb.app;

import dev.twlb.app.run.ChildPrograms;
import dev.twlb.app.run.NodeSupervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.bridge.Exposition;
import dev.twlb.nodes.server.NodeServer;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.FreePort;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node jar (target/twlb-node.jar, the class path of every node process of {@code twlb run}) holds all a node
 * needs: a node started from it goes through every fault, answering, scraped and publishing, with no class missing,
 * and dies for real at its crash.
 */
@ExtendWith(KafkaExtension.class)
class NodeJarIT {
  private static final Path NODE_JAR = Path.of("target", NodeServer.JAR);
  private static final Duration FAULT_EPOCH = Duration.ofSeconds(2);

  @TempDir
  Path logs;

  private final int port = FreePort.pick("localhost");
  private final URI base = URI.create("http://localhost:" + port);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();

  @Test
  void aNodeFromTheNodeJarGoesThroughEveryFault(KafkaFixture kafka) throws Exception {
    Topic<FaultAssignment> assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
    Topic<NodeReport> reports = Topics.NODE_REPORTS.renamed(KafkaFixture.unique("reports"));
    try (NodeSupervisor supervisor = startNode(kafka, assignments, reports.name())) {

      // Every fault but crash, one after another, then crash.
      List<FaultType> faults = new ArrayList<>(List.of(FaultType.values()));
      faults.remove(FaultType.CRASH);
      faults.add(FaultType.CRASH);
      Instant first = Instant.now().plusSeconds(2);
      List<FaultAssignment> schedule = new ArrayList<>();
      for (int i = 0; i < faults.size(); i++) {
        Instant from = first.plus(FAULT_EPOCH.multipliedBy(i));
        schedule.add(assignment(i, faults.get(i).wireName(), Map.of(), from, from.plus(FAULT_EPOCH)));
      }
      TopicIO.produce(kafka, assignments, schedule);
      Instant crashFrom = schedule.get(schedule.size() - 1).getEffectiveFromMs();

      Set<String> scrapedIn = ConcurrentHashMap.newKeySet();
      ScheduledExecutorService client = Executors.newSingleThreadScheduledExecutor();
      try {
        client.scheduleWithFixedDelay(() -> {
          String fault = faultAt(schedule, Instant.now());
          http.sendAsync(HttpRequest.newBuilder(base.resolve("/process")).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.discarding());
          if (status(base.resolve("/metrics")) == 200) {
            scrapedIn.add(fault);
          }
        }, 0, 50, TimeUnit.MILLISECONDS);
        await().atMost(FAULT_EPOCH.multipliedBy(faults.size() + 2)).until(() -> !Instant.now().isBefore(crashFrom));
      } finally {
        client.shutdownNow();
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(logs.resolve("node-1.log")).contains("the process dies now"));
      String log = Files.readString(logs.resolve("node-1.log"));
      assertThat(log).doesNotContain("NoClassDefFoundError", "ClassNotFoundException", "ERROR");

      Set<String> expected = faults.stream().filter(f -> f != FaultType.CRASH).map(FaultType::wireName).collect(Collectors.toSet());
      expected.add("before");
      assertThat(scrapedIn).as("scraped in every fault").containsAll(expected);
      List<NodeReport> published = TopicIO.consume(kafka, reports, 50, Duration.ofSeconds(30));
      assertThat(published.stream().map(r -> faultAt(schedule, r.getTsMs())).collect(Collectors.toSet()))
          .as("reports of requests in every fault that answers").containsAll(Set.of("benign", "500-error", "lie-latency",
              "intermittent-error", "corrupt", "cpu-hog", "memory-leak"));
    }
  }

  /**
   * The memory-leak fault gives its memory back when its epoch ends, and again after a second leak: the node's
   * resident memory is a feature of every later window, so a leak that outlived its epoch would mislabel them.
   */
  @Test
  void aNodeGivesBackWhatEveryMemoryLeakTook(KafkaFixture kafka) throws Exception {
    Topic<FaultAssignment> assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
    try (NodeSupervisor supervisor = startNode(kafka, assignments, KafkaFixture.unique("reports"))) {
      double before = residentMiB();
      Instant start = Instant.now().plusSeconds(2);
      Map<String, Double> fast = Map.of("leak_mb_per_s", 40.0);
      TopicIO.produce(kafka, assignments, List.of(
          assignment(0, FaultType.MEMORY_LEAK.wireName(), fast, start, start.plusSeconds(3)),
          assignment(1, FaultType.BENIGN.wireName(), Map.of(), start.plusSeconds(3), start.plusSeconds(8)),
          assignment(2, FaultType.MEMORY_LEAK.wireName(), fast, start.plusSeconds(8), start.plusSeconds(11)),
          assignment(3, FaultType.BENIGN.wireName(), Map.of(), start.plusSeconds(11), start.plusSeconds(600))));
      for (Instant leakEnds : List.of(start.plusSeconds(3), start.plusSeconds(11))) {
        await().atMost(Duration.ofSeconds(30)).until(() -> residentMiB() > before + 60);
        await().atMost(Duration.ofSeconds(30)).until(() -> !Instant.now().isBefore(leakEnds));
        await().atMost(Duration.ofSeconds(10)).alias("resident memory back within 30 MiB of where it was before the leak")
            .until(() -> residentMiB() < before + 30);
      }
    }
  }

  /** Starts node-1 from the node jar on {@link #port}, with its topics, and returns once it answers. */
  private NodeSupervisor startNode(KafkaFixture kafka, Topic<FaultAssignment> assignments, String reports) {
    assertThat(NODE_JAR).as("built by mvn package").isRegularFile();
    kafka.createTopics(1, assignments.name(), reports);
    List<String> nodeArgs = List.of("node", "--id", "node-1", "--port", Integer.toString(port),
        "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", kafka.registryUrl(),
        "--assignments-topic", assignments.name(), "--reports-topic", reports);
    NodeSupervisor supervisor = new NodeSupervisor(ChildPrograms.nodeProgram(NODE_JAR.toAbsolutePath().toString()),
        Map.of("node-1", nodeArgs), logs);
    try {
      supervisor.start();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(base.resolve("/health")) == 200);
      return supervisor;
    } catch (RuntimeException | Error e) {
      supervisor.close();
      throw e;
    }
  }

  /** The node's own {@code process_resident_memory_bytes} in MiB; fails while the node does not answer. */
  private double residentMiB() throws Exception {
    String body = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).timeout(Duration.ofSeconds(2)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return Exposition.parse(body).first("process_resident_memory_bytes", Map.of()) / (1024 * 1024);
  }

  private static String faultAt(List<FaultAssignment> schedule, Instant at) {
    return schedule.stream().filter(a -> !at.isBefore(a.getEffectiveFromMs()) && at.isBefore(a.getEffectiveUntilMs()))
        .map(FaultAssignment::getFaultType).findFirst().orElse("before");
  }

  private int status(URI uri) {
    try {
      return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static FaultAssignment assignment(long epoch, String fault, Map<String, Double> params, Instant from, Instant until) {
    return FaultAssignment.newBuilder().setEpochId(epoch).setNodeId("node-1").setFaultType(fault).setParams(params)
        .setEffectiveFromMs(from).setEffectiveUntilMs(until).setSeed(0).setRunId("node-jar-it").build();
  }
}
