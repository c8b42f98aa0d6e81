package dev.twlb.app;

import dev.twlb.app.run.TestbedRun;
import dev.twlb.app.run.TopicSetup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.bridge.BridgeConfig;
import dev.twlb.bridge.MetricsBridge;
import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.detector.report.LabelEvidence;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeHost;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.scheduler.EpochScheduler;
import dev.twlb.scheduler.SchedulerConfig;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.schemas.http.Endpoints;
import dev.twlb.servicekit.FreePort;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.traffic.TrafficGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels the nodes confirmed, whatever the broker did while they started: nodes started before the broker exists,
 * or whose broker restarts before they read their first assignment, end up following their assignments, and every
 * clean fault window shows its fault. A node that cannot read its assignments (its feed points at a topic nobody
 * writes) has every window marked {@code fault-not-applied}, never labeled clean.
 */
class ConfirmedLabelsIT {
  private static final int NODES = 5;
  /** Reads its assignments from a topic nobody writes: it applies nothing. */
  private static final String DEAF = "node-5";
  private static final Duration EPOCH = Duration.ofSeconds(10);
  private static final int EPOCHS = 3;

  @TempDir
  Path dir;

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final int brokerPort = FreePort.pick("localhost");
  private final int registryPort = FreePort.pick("localhost");
  private final int nodeBasePort = FreePort.pickRange("localhost", NODES);
  private final Map<String, Object> clientProps = Map.of("bootstrap.servers", "localhost:" + brokerPort,
      "schema.registry.url", "http://localhost:" + registryPort);
  private EmbeddedBroker broker;

  @AfterEach
  void stop() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void nodesStartedBeforeTheBrokerFollowTheirAssignmentsOnceItIsThere() throws Exception {
    startNodes();
    awaitHealth("node-1", "\"status\":\"DEGRADED\",\"node_id\":\"node-1\",\"fault_type\":\"benign\",\"assignments\":\"retrying after");
    startBrokerAndRegistry();
    TopicSetup.ensure(clientProps, 3);
    runEpochsAndCheckLabels();
  }

  @Test
  void nodesWhoseBrokerRestartsBeforeTheirFirstAssignmentFollowTheirAssignments() throws Exception {
    startBrokerAndRegistry();
    TopicSetup.ensure(clientProps, 3);
    startNodes();
    awaitHealth("node-1", "\"status\":\"UP\"");
    broker.close();
    broker = EmbeddedBroker.start(brokerConfig());
    runEpochsAndCheckLabels();
  }

  private BrokerConfig brokerConfig() {
    return new BrokerConfig(Map.of(BrokerConfig.DATA_DIR, dir.resolve("kafka").toString(), BrokerConfig.PORT, brokerPort));
  }

  private void startBrokerAndRegistry() {
    broker = EmbeddedBroker.start(brokerConfig());
    keep(SchemaRegistryServer.start(new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
        RegistryConfig.PORT, registryPort)), Map.of()));
  }

  /** Nodes 1-4 in one host reading fault-assignments; the deaf node in a host of its own, reading a topic nobody writes. */
  private void startNodes() {
    List<NodeConfig> hearing = new ArrayList<>();
    for (int n = 1; n < NODES; n++) {
      hearing.add(nodeConfig(n, Topics.FAULT_ASSIGNMENTS.name()));
    }
    keep(NodeHost.start(hearing, clientProps));
    keep(NodeHost.start(List.of(nodeConfig(NODES, "nobody-writes-here")), clientProps));
  }

  private NodeConfig nodeConfig(int n, String assignmentsTopic) {
    return new NodeConfig(Map.of(NodeConfig.NODE_ID, NodeList.nodeId(n), NodeConfig.PORT, nodeBasePort + n - 1,
        NodeConfig.ASSIGNMENTS_TOPIC, assignmentsTopic, NodeConfig.STARTUP_WAIT_MS, 1_000L));
  }

  private void runEpochsAndCheckLabels() throws Exception {
    List<NodeAddress> nodes = NodeList.numbered(NODES, "localhost", nodeBasePort);
    keep(LabelerService.start(new LabelerConfig(Map.of(LabelerConfig.WINDOW_MS, 2_000L, LabelerConfig.PORT, 0,
        LabelerConfig.UNLABELED_WINDOWS, "drop", LabelerConfig.STATE_DIR, dir.resolve("labeler").toString())), clientProps));
    LoadBalancer lb = keep(LoadBalancer.start(new LbConfig(Map.of(LbConfig.PORT, 0)), nodes, clientProps));
    keep(MetricsBridge.start(new BridgeConfig(Map.of(BridgeConfig.PORT, 0)), nodes, clientProps));
    EpochScheduler scheduler = keep(new EpochScheduler(new SchedulerConfig(Map.of(SchedulerConfig.SEED, 5L,
        SchedulerConfig.EPOCHS, EPOCHS, SchedulerConfig.EPOCH_DURATION_MS, EPOCH.toMillis(), SchedulerConfig.NODES, NODES,
        SchedulerConfig.FAULTY, 3, SchedulerConfig.FAULTS, "500-error,crash,corrupt", SchedulerConfig.RUN_ID, "confirmed-it")),
        clientProps, Clock.systemUTC()));
    keep(TrafficGenerator.start(new TrafficConfig(Map.of(TrafficConfig.TARGET, lb.url() + Endpoints.PROCESS_PATH,
        TrafficConfig.RATE, 60.0))));
    Instant first = TestbedRun.aligned(scheduler.firstEpochStart(), Duration.ofSeconds(2));
    Instant end = scheduler.run(first, plan -> { });

    try (TopicTail<LabeledWindow> labeled = new TopicTail<>(Topics.LABELED_METRICS, clientProps)) {
      await().atMost(Duration.ofSeconds(90)).until(() -> labeled.poll().stream().filter(r -> !r.getWindowEnd().isBefore(end))
          .map(LabeledWindow::getNodeId).distinct().count() == NODES);
      List<LabeledWindow> rows = labeled.poll().stream().filter(r -> "confirmed-it".equals(r.getRunId())).toList();

      List<LabeledWindow> deaf = rows.stream().filter(r -> r.getNodeId().equals(DEAF)).toList();
      assertThat(deaf).as("the deaf node's windows").isNotEmpty()
          .allSatisfy(r -> assertThat(r.getIsTransition()).as("%s marked", r).isTrue())
          .filteredOn(r -> r.getLabelPurity() == 1.0)
          .allSatisfy(r -> assertThat(r.getTransitionReason()).isEqualTo("fault-not-applied"));

      Instant lastEpoch = end.minus(EPOCH);
      List<LabeledWindow> lastEpochOfOthers = rows.stream().filter(r -> !r.getNodeId().equals(DEAF)
          && !r.getWindowStart().isBefore(lastEpoch) && r.getLabelPurity() == 1.0).toList();
      assertThat(lastEpochOfOthers).as("the last epoch's windows of the other nodes").hasSizeGreaterThanOrEqualTo(4 * 4)
          .allSatisfy(r -> assertThat(r.getTransitionReason()).as("%s", r).isNotEqualTo("fault-not-applied"));

      LabelEvidence evidence = new LabelEvidence(r -> true);
      rows.forEach(evidence::add);
      assertThat(evidence.classes()).as("clean fault node-epochs").isNotEmpty()
          .allSatisfy(c -> assertThat(c.showing()).as("%s", c).isEqualTo(c.nodeEpochs()));
    }
  }

  private void awaitHealth(String node, String says) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI health = URI.create("http://localhost:" + (nodeBasePort + Integer.parseInt(node.substring(5)) - 1) + "/health");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(health).build(),
        HttpResponse.BodyHandlers.ofString()).body().contains(says));
  }

  private <T extends AutoCloseable> T keep(T service) {
    started.push(service);
    return service;
  }
}
