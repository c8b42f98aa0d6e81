package dev.twlb.app.run;

import dev.twlb.schemas.Topics;
import dev.twlb.schemas.http.Endpoints;
import dev.twlb.bridge.BridgeConfig;
import dev.twlb.bridge.MetricsBridge;
import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.detector.DetectorConfig;
import dev.twlb.detector.DetectorService;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.traffic.TrafficGenerator;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.scheduler.EpochScheduler;
import dev.twlb.scheduler.SchedulerConfig;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.servicekit.Service;
import dev.twlb.sink.SinkConfig;
import java.io.PrintStream;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.LoggerFactory;

/**
 * The whole system of {@code twlb run}, started in order with health checks and stopped in reverse
 * order: broker, registry, topics, nodes (own processes), labeler, sink, metrics bridge, balancer,
 * scheduler, traffic.
 */
final class Testbed implements AutoCloseable {
  private final RunSettings settings;
  private final PrintStream out;
  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final Map<String, Object> clientProps = new HashMap<>();
  private List<NodeAddress> nodes;
  private NodeSupervisor supervisor;
  private LabelerService labeler;
  private LabeledWindowSink sink;
  private SinkConfig sinkConfig;
  private EpochScheduler scheduler;
  private SchedulerConfig schedulerConfig;
  private LoadBalancer lb;
  private MetricsBridge bridge;
  private BridgeConfig bridgeConfig;
  private TrafficGenerator traffic;
  private volatile DetectorService detector;
  private boolean closed;
  private final CompletableFuture<String> failure = new CompletableFuture<>();

  Testbed(RunSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
  }

  void start() throws Exception {
    String bootstrap = settings.bootstrapServers();
    if (settings.embeddedBroker()) {
      step("Kafka broker (KRaft, in this process)");
      EmbeddedBroker broker = keep(EmbeddedBroker.start(new BrokerConfig(Map.of(
          BrokerConfig.DATA_DIR, settings.dataDir().resolve("kafka").toString(), BrokerConfig.PORT, settings.brokerPort()))));
      bootstrap = broker.bootstrapServers();
    }
    clientProps.put("bootstrap.servers", bootstrap);
    String registryUrl = settings.registryUrl();
    if (settings.embeddedRegistry()) {
      step("schema registry");
      registryUrl = keep(SchemaRegistryServer.start(new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, bootstrap,
          RegistryConfig.PORT, settings.registryPort())), Map.of())).url();
    }
    clientProps.put("schema.registry.url", registryUrl);
    step("topics");
    TopicSetup.ensure(clientProps, new BrokerConfig(Map.of()).numPartitions());

    nodes = NodeList.numbered(settings.nodes(), "localhost", settings.nodeBasePort());
    supervisor = keep(nodeSupervisor(bootstrap, registryUrl));
    supervisor.start();

    step("labeler (Kafka Streams, exactly once)");
    labeler = keep(LabelerService.start(new LabelerConfig(Map.of(LabelerConfig.WINDOW_MS, settings.window().toMillis(),
        LabelerConfig.GRACE_MS, settings.grace().toMillis(), LabelerConfig.EARLY_WINDOW_MS, settings.earlyWindow().toMillis(),
        LabelerConfig.EARLY_HOP_MS, settings.earlyHop().toMillis(), LabelerConfig.PORT, settings.metricsPort(RunSettings.Service.LABELER),
        LabelerConfig.UNLABELED_WINDOWS, "drop", LabelerConfig.STATE_DIR, settings.dataDir().resolve("labeler-state").toString())),
        clientProps));
    step("sink (Parquet + CSV)" + (settings.early() ? ", and one of the early windows in " + settings.earlyDataDir() : ""));
    sinkConfig = new SinkConfig(Map.of(SinkConfig.DATA_DIR, settings.dataDir().toString(), SinkConfig.PORT, settings.metricsPort(RunSettings.Service.SINK)));
    sink = keep(LabeledWindowSink.start(sinkConfig, clientProps));
    if (settings.early()) { // the labeled early windows: what a real-time detector is trained on
      keep(LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR, settings.earlyDataDir().toString(),
          SinkConfig.TOPIC, Topics.LABELED_EARLY_WINDOWS.name(), SinkConfig.GROUP_ID, "twlb-sink-early", SinkConfig.PORT, 0)),
          clientProps));
    }
    bridgeConfig = new BridgeConfig(Map.of(BridgeConfig.PORT, settings.metricsPort(RunSettings.Service.BRIDGE)));
    step("load balancer");
    lb = keep(LoadBalancer.start(new LbConfig(settings.lb()), nodes, clientProps));
    schedulerConfig = new SchedulerConfig(Map.of(SchedulerConfig.SEED, settings.seed(), SchedulerConfig.EPOCHS, settings.epochs(),
        SchedulerConfig.EPOCH_DURATION_MS, settings.epochDuration().toMillis(), SchedulerConfig.START_DELAY_MS,
        settings.startDelay().toMillis(), SchedulerConfig.NODES, settings.nodes(),
        SchedulerConfig.FAULTY, settings.faulty(), SchedulerConfig.FAULTS, settings.faults().toString(),
        SchedulerConfig.FAULT_DRAW, settings.faultDraw(),
        SchedulerConfig.RUN_ID, "run-" + settings.seed() + "-" + Instant.now().getEpochSecond()));
    scheduler = keep(new EpochScheduler(schedulerConfig, clientProps, Clock.systemUTC()));
    awaitHealthy(nodes); // the services above started while the node processes were starting
  }

  /**
   * Starts the scrapes {@link #scrapeLead()} before the first epoch: a counter's rate needs the scrape before
   * a window, so the run's first windows get one too. The windows before the first epoch belong to
   * no run and are dropped.
   */
  void startScraping() {
    bridge = keep(MetricsBridge.start(bridgeConfig, nodes, clientProps));
  }

  /** How long before the first epoch the scrapes start: one scrape interval and a second. */
  Duration scrapeLead() {
    return bridgeConfig.interval().plusSeconds(1);
  }

  /** Starts the traffic at the first epoch; with the scrapes, {@link #stopObserving()} stops it. */
  TrafficGenerator startTraffic() {
    Map<String, Object> config = new HashMap<>(settings.traffic());
    config.put(TrafficConfig.TARGET, lb.url() + Endpoints.PROCESS_PATH);
    traffic = keep(TrafficGenerator.start(new TrafficConfig(config)));
    return traffic;
  }

  /** Starts the live detector with {@code model}, scoring windows that start at or after {@code scoreFrom}. */
  synchronized void startDetector(Path model, Instant scoreFrom) {
    if (closed) {
      return;
    }
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(StreamsConfig.STATE_DIR_CONFIG, settings.dataDir().resolve("detector-state").toString());
    Map<String, Object> detectorSettings = new HashMap<>(Map.of(DetectorConfig.MODEL_FILE, model.toString(),
        DetectorConfig.PORT, settings.metricsPort(RunSettings.Service.DETECTOR), DetectorConfig.SCORE_FROM_MS, scoreFrom.toEpochMilli()));
    if (!settings.early()) {
      detectorSettings.put(DetectorConfig.INPUT_TOPIC, Topics.LABELED_METRICS.name());
      detectorSettings.put(DetectorConfig.CHECK_TOPIC, "");
    }
    detector = keep(DetectorService.start(new DetectorConfig(detectorSettings), props));
    out.println("detector live with model " + detector.modelId() + ", scoring windows from " + scoreFrom);
  }

  /** How long after a window ends its row is certainly in a finished file: grace, emission, the sink's rotation. */
  Duration untilInFiles() {
    return settings.grace().plus(settings.window()).plus(sinkConfig.rotateInterval()).plusSeconds(5);
  }

  void stopTraffic() {
    traffic.close();
  }

  /** Stops the scrapes: no observation comes after this, so the labeler can finish every window it has. */
  void stopObserving() {
    traffic.close();
    bridge.close();
  }

  /** The node processes: one per node, or one host of them all. */
  private NodeSupervisor nodeSupervisor(String bootstrap, String registryUrl) {
    List<String> kafka = List.of("--bootstrap-servers", bootstrap, "--schema-registry-url", registryUrl);
    Path logs = settings.dataDir().resolve("logs");
    if (settings.nodeHosting() == RunSettings.NodeHosting.SHARED) {
      step(nodes.size() + " nodes in one node-host process");
      List<String> args = new ArrayList<>(List.of("node-host", "--nodes", Integer.toString(nodes.size()),
          "--base-port", Integer.toString(settings.nodeBasePort())));
      args.addAll(kafka);
      return new NodeSupervisor(ChildPrograms.hostProgram(nodes.size()), Map.of("node-host", args), logs);
    }
    step(nodes.size() + " nodes, one process each");
    Map<String, List<String>> nodeArgs = new LinkedHashMap<>();
    for (NodeAddress node : nodes) {
      List<String> args = new ArrayList<>(List.of("node", "--id", node.id(), "--port", Integer.toString(node.port())));
      args.addAll(kafka);
      nodeArgs.put(node.id(), args);
    }
    String classPath = ChildPrograms.nodeClassPath();
    NodeClassArchive archive = settings.classArchive() && NodeClassArchive.supports(classPath)
        ? new NodeClassArchive(settings.classArchiveDir(), classPath, ChildPrograms.NODE_JVM_OPTIONS) : null;
    return new NodeSupervisor(ChildPrograms.nodeProgram(classPath), nodeArgs, logs, archive);
  }

  private void awaitHealthy(List<NodeAddress> nodes) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    for (NodeAddress node : nodes) {
      while (!healthy(http, node)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(node.id() + " did not become healthy; see " + settings.dataDir().resolve("logs"));
        }
        Thread.sleep(200);
      }
    }
    out.println("  all " + nodes.size() + " nodes healthy");
  }

  private static boolean healthy(HttpClient http, NodeAddress node) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/health")).timeout(Duration.ofSeconds(1)).build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private void step(String what) {
    out.println("starting " + what + "...");
  }

  private <T extends AutoCloseable> T keep(T service) {
    started.push(service);
    if (service instanceof Service watched) {
      watched.failure().thenAcceptAsync(cause -> failure.complete(
          service.getClass().getSimpleName() + ": " + Service.describe(cause)));
    }
    return service;
  }

  EpochScheduler scheduler() {
    return scheduler;
  }

  /** The run's id ("-" until its scheduler is set up). */
  String runId() {
    return schedulerConfig == null ? "-" : schedulerConfig.runId();
  }

  LabelerService labeler() {
    return labeler;
  }

  LabeledWindowSink sink() {
    return sink;
  }

  /** The live detector, or null before it starts (or when the run has none). */
  DetectorService detector() {
    return detector;
  }

  /** Completes with the service and reason when a service's work dies under the run. */
  CompletableFuture<String> failure() {
    return failure;
  }

  /** Stops everything, newest first; safe to call twice (the Ctrl-C hook and the normal end). */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!started.isEmpty()) {
      AutoCloseable service = started.pop();
      try {
        service.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(Testbed.class).warn("{} did not stop cleanly", service.getClass().getSimpleName(), e);
      }
    }
  }
}
