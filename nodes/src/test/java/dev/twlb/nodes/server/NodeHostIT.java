package dev.twlb.nodes.server;

import static dev.twlb.nodes.server.NodeServerIT.assignment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.FreePort;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Three nodes in one host against a real broker: a crash closes one node's listeners only; CPU and memory per node. */
@ExtendWith(KafkaExtension.class)
class NodeHostIT {
  private static final double MIB = 1024 * 1024;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
  private NodeHost host;
  private Topic<FaultAssignment> assignments;

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
  }

  private List<NodeServer> host(KafkaFixture kafka) {
    assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
    String reports = KafkaFixture.unique("reports");
    kafka.createTopics(1, assignments.name(), reports);
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    List<NodeConfig> configs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      configs.add(new NodeConfig(Map.of(NodeConfig.NODE_ID, "node-" + i, NodeConfig.PORT, FreePort.pick("localhost"),
          NodeConfig.ASSIGNMENTS_TOPIC, assignments.name(), NodeConfig.REPORTS_TOPIC, reports)));
    }
    host = NodeHost.start(configs, props);
    return host.nodes();
  }

  /** The status of GET url, or empty when the connection is refused. */
  private Optional<Integer> status(String url) {
    try {
      return Optional.of(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (ConnectException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw new IllegalStateException(url + ": " + e, e);
    }
  }

  private double metric(NodeServer node, String name) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith(name + "{")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + node.id() + "'s metrics"));
  }

  @Test
  void aCrashClosesThatNodesListenersOnlyAndTheyOpenAgainWhenItsEpochEnds(KafkaFixture kafka) {
    List<NodeServer> nodes = host(kafka);
    NodeServer crashing = nodes.get(1);
    Instant from = Instant.now().plusSeconds(2);
    Instant until = from.plusSeconds(4);
    TopicIO.produce(kafka, assignments, List.of(assignment(crashing.id(), "crash", Map.of(), from, until)));
    nodes.forEach(n -> assertThat(status(n.url() + "/process")).contains(200));
    assertThat(nodes).extracting(NodeServer::eventLoopThreadId).as("an event loop each").doesNotHaveDuplicates().doesNotContain(-1L);

    await().atMost(Duration.ofSeconds(10)).until(() -> status(crashing.url() + "/process").isEmpty());
    assertThat(status(crashing.url() + "/metrics")).as("scrapes fail too").isEmpty();
    assertThat(Instant.now()).isBefore(until);
    assertThat(status(nodes.get(0).url() + "/process")).as("the host and its other nodes live").contains(200);
    assertThat(status(nodes.get(2).url() + "/metrics")).contains(200);

    await().atMost(Duration.ofSeconds(15)).until(() -> status(crashing.url() + "/process").isPresent());
    assertThat(Instant.now()).as("listening again when the crash epoch ended, not before").isAfterOrEqualTo(until);
    await().atMost(Duration.ofSeconds(5)).until(() -> status(crashing.url() + "/health").equals(Optional.of(200)));
  }

  @Test
  void eachNodeReportsItsOwnCpuAndItsOwnLeak(KafkaFixture kafka) throws Exception {
    List<NodeServer> nodes = host(kafka);
    NodeServer hog = nodes.get(0);
    NodeServer quiet = nodes.get(1);
    NodeServer leaky = nodes.get(2);
    Instant from = Instant.now().plusSeconds(1);
    Instant until = from.plusSeconds(12);
    TopicIO.produce(kafka, assignments, List.of(
        assignment(hog.id(), "cpu-hog", Map.of("busy_threads", 1.0), from, until),
        assignment(leaky.id(), "memory-leak", Map.of("leak_mb_per_s", 8.0), from, until)));
    double hogCpuBefore = metric(hog, "process_cpu_seconds_total");
    double quietCpuBefore = metric(quiet, "process_cpu_seconds_total");

    // a busy 2-core box gives the hog's thread a share of a core at least
    await().atMost(Duration.ofSeconds(20)).until(() -> metric(hog, "process_cpu_seconds_total") - hogCpuBefore > 1.0);
    double hogCpu = metric(hog, "process_cpu_seconds_total") - hogCpuBefore;
    assertThat(metric(quiet, "process_cpu_seconds_total") - quietCpuBefore).as("the quiet node's CPU").isLessThan(hogCpu / 5);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        metric(leaky, "process_resident_memory_bytes") - metric(quiet, "process_resident_memory_bytes") > 30 * MIB);

    // after the fault the leak is released; the two figures, read a moment apart, differ by the host's own changes only
    await().atMost(Duration.ofSeconds(20)).until(() -> Instant.now().isAfter(until.plusSeconds(1))
        && Math.abs(metric(leaky, "process_resident_memory_bytes") - metric(quiet, "process_resident_memory_bytes")) < 10 * MIB);
    double hogCpuAfter = metric(hog, "process_cpu_seconds_total");
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
        .until(() -> metric(hog, "process_cpu_seconds_total") - hogCpuAfter < 0.3);
  }
}
