package dev.twlb.app;

import dev.twlb.servicekit.FreePort;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeServer;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real nodes and a real balancer in this JVM, on topics of their own, against the test broker. */
final class TestCluster implements AutoCloseable {
  final Topic<FaultAssignment> assignments = Topics.FAULT_ASSIGNMENTS.renamed(KafkaFixture.unique("assignments"));
  final Topic<RequestEvent> events = Topics.REQUEST_EVENTS.renamed(KafkaFixture.unique("events"));
  final Topic<NodeReport> reports = Topics.NODE_REPORTS.renamed(KafkaFixture.unique("reports"));
  final List<NodeServer> nodes = new ArrayList<>();
  final LoadBalancer lb;
  private final KafkaFixture kafka;

  TestCluster(KafkaFixture kafka, int nodeCount, Map<String, Object> lbSettings) {
    this.kafka = kafka;
    kafka.createTopics(3, assignments.name(), events.name(), reports.name());
    List<NodeAddress> addresses = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      int port = FreePort.pick("localhost");
      nodes.add(NodeServer.start(new NodeConfig(Map.of(NodeConfig.NODE_ID, "node-" + i, NodeConfig.PORT, port,
          NodeConfig.ASSIGNMENTS_TOPIC, assignments.name(), NodeConfig.REPORTS_TOPIC, reports.name())),
          clientProps(), Clock.systemUTC(), () -> { throw new AssertionError("crash needs a node process"); }));
      addresses.add(new NodeAddress("node-" + i, URI.create("http://localhost:" + port)));
    }
    Map<String, Object> settings = new HashMap<>(Map.of(LbConfig.PORT, 0, LbConfig.EVENTS_TOPIC, events.name()));
    settings.putAll(lbSettings);
    lb = LoadBalancer.start(new LbConfig(settings), addresses, clientProps());
  }

  Map<String, Object> clientProps() {
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    return props;
  }

  /**
   * Publishes one assignment per entry of {@code faults} (node id to fault), in force over [from, until), and returns
   * once every one of those nodes applies it.
   */
  void assign(Map<String, String> faults, Map<String, Map<String, Double>> params, Instant from, Instant until) {
    List<FaultAssignment> plan = new ArrayList<>();
    faults.forEach((node, fault) -> plan.add(FaultAssignment.newBuilder().setEpochId(0).setNodeId(node)
        .setFaultType(fault).setParams(params.getOrDefault(node, Map.of()))
        .setEffectiveFromMs(from).setEffectiveUntilMs(until).setSeed(0).setRunId("it").build()));
    TopicIO.produce(kafka, assignments, plan);
    awaitInForce(faults);
  }

  /** Waits until every node of {@code faults} says (on /health) that it applies its fault: its own clock decides. */
  private void awaitInForce(Map<String, String> faults) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (NodeServer node : nodes) {
      String fault = faults.get(node.id());
      if (fault != null) {
        await().atMost(Duration.ofSeconds(30)).until(() -> http.send(HttpRequest.newBuilder(URI.create(node.url() + "/health")).build(),
            HttpResponse.BodyHandlers.ofString()).body().contains("\"fault_type\":\"" + fault + "\""));
      }
    }
  }

  @Override
  public void close() {
    lb.close();
    nodes.forEach(NodeServer::close);
  }
}
