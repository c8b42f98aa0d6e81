package dev.twlb.app;

import dev.twlb.app.run.RunSettings;
import dev.twlb.app.run.TestbedRun;
import dev.twlb.servicekit.DurationConverter;
import dev.twlb.scheduler.FaultMix;
import dev.twlb.scheduler.SchedulerConfig;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.bridge.BridgeConfig;
import dev.twlb.broker.BrokerConfig;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.Strategy;
import dev.twlb.schemas.Topics;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.sink.SinkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs the whole testbed and grows a labeled dataset, epoch after epoch.",
      "Starts a Kafka broker and schema registry in this process (or uses --bootstrap-servers and",
      "--schema-registry-url), the nodes as separate processes, the scheduler, balancer, traffic, metrics bridge,",
      "labeler and sink, and prints progress. Ends after --epochs with a summary (0: until Ctrl-C). Starting again",
      "on the same --data-dir continues the same dataset. Every option also reads an environment variable: --epoch-duration from TWLB_EPOCH_DURATION, and so on."})
final class RunCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--epochs", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.EPOCHS,
      description = "Epochs to run; 0 = until Ctrl-C. Default: ${DEFAULT-VALUE}.")
  long epochs;

  @Option(names = "--epoch-duration", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.EPOCH_DURATION_MS,
      converter = DurationConverter.class, description = "Length of an epoch. Default: ${DEFAULT-VALUE}.")
  Duration epochDuration;

  @Option(names = "--start-delay", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.START_DELAY_MS,
      converter = DurationConverter.class, description = "Traffic and scrapes before the first epoch, for a large cluster to"
          + " warm up (its windows are not labeled). Default: ${DEFAULT-VALUE}.")
  Duration startDelay;

  @Option(names = "--seed", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.SEED,
      description = "Seed of the fault plans; random (and printed) when absent.")
  Long seed;

  @Option(names = "--nodes", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.NODES, description = "Backend nodes. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--faulty", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.FAULTY,
      description = "Faulty nodes per epoch. Default: ${DEFAULT-VALUE}.")
  int faulty;

  @Option(names = "--faults", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.FAULTS, paramLabel = "NAME[=WEIGHT],...",
      description = "Fault mix, e.g. delay=2,crash=1,500-error=1. Default: every fault, equal weights.")
  String faults;

  @Option(names = "--fault-draw", paramLabel = "deck|independent", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.FAULT_DRAW,
      description = "How faulty nodes get their fault: deck (every type by weight before any repeats) or independent. Default: ${DEFAULT-VALUE}.")
  String faultDraw;

  @Mixin
  RateOptions rates;

  @Option(names = "--window", descriptionKey = ServiceKeys.LABELER + LabelerConfig.WINDOW_MS, converter = DurationConverter.class,
      description = "Window of the labeled rows. Default: ${DEFAULT-VALUE}, longer when it would hold fewer than 4 requests"
          + " of a node (10s for 500 nodes at the default rates).")
  Duration window;

  @Option(names = "--early-window", descriptionKey = ServiceKeys.LABELER + LabelerConfig.EARLY_WINDOW_MS, converter = DurationConverter.class,
      description = "Each node's trailing window sent out every --early-hop for the live detector (and DIR/early); 0s: none."
          + " Default: ${DEFAULT-VALUE}.")
  Duration earlyWindow;

  @Option(names = "--early-hop", descriptionKey = ServiceKeys.LABELER + LabelerConfig.EARLY_HOP_MS, converter = DurationConverter.class,
      description = "How often the early windows go out: a fault's verdict comes up to one hop after the window that shows it."
          + " Default: ${DEFAULT-VALUE}.")
  Duration earlyHop;

  @Option(names = "--data-dir", descriptionKey = ServiceKeys.SINK + SinkConfig.DATA_DIR,
      description = "Where the dataset (and Kafka's data) go. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--bootstrap-servers", description = "Use this Kafka instead of the embedded broker.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Use this schema registry instead of the embedded one.")
  String registryUrl;

  @Option(names = "--broker-port", descriptionKey = ServiceKeys.BROKER + BrokerConfig.PORT,
      description = "Port of the embedded broker. Default: ${DEFAULT-VALUE}.")
  int brokerPort;

  @Option(names = "--registry-port", descriptionKey = ServiceKeys.REGISTRY + RegistryConfig.PORT,
      description = "Port of the embedded registry. Default: ${DEFAULT-VALUE}.")
  int registryPort;

  @Option(names = "--lb-port", descriptionKey = ServiceKeys.LB + LbConfig.PORT, description = "Port of the balancer. Default: ${DEFAULT-VALUE}.")
  int lbPort;

  @Option(names = "--strategy", descriptionKey = ServiceKeys.LB + LbConfig.STRATEGY,
      description = "How the balancer picks a node. Round-robin gives every node the same traffic, so windows compare;"
          + " the labels are right with any. Default: ${DEFAULT-VALUE}.")
  String strategy;

  @Option(names = "--retries", descriptionKey = ServiceKeys.LB + LbConfig.RETRIES,
      description = "The balancer tries a failed attempt again on another node within the timeout. Default: ${DEFAULT-VALUE}.")
  int retries;

  @Option(names = "--detections-topic", descriptionKey = ServiceKeys.LB + LbConfig.DETECTIONS_TOPIC, paramLabel = "TOPIC|none",
      description = "trust-weighted: also weigh the detector's verdicts from this topic. Default: with a detector (--model or"
          + " --detect-after) and trust-weighted, its own verdicts (fault-detections); 'none' for trust from requests alone.")
  String detectionsTopic;

  @Option(names = "--node-base-port", descriptionKey = ServiceKeys.NODE + NodeConfig.PORT,
      description = "Port of node-1; node-i uses base + i - 1. Keep them below the ephemeral range (Linux: 32768 up):"
          + " a crashed node restarts on its port, which a client's connection may hold meanwhile. Default: ${DEFAULT-VALUE}.")
  int nodeBasePort;

  @Option(names = "--service-port-base", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.PORT,
      description = "/metrics of the bridge (base), labeler (base + 1), sink (base + 2) and detector (base + 3). Default: ${DEFAULT-VALUE}.")
  int servicePortBase;

  @Option(names = "--model", description = "Run the fault detector live with this model (from twlb train) on every window of this run.")
  Path model;

  @Option(names = "--detect-after", defaultValue = "0", paramLabel = "N",
      description = "Train a detector on the windows of the first N epochs once they are in the files, then run it live on"
          + " the rest (N >= 2; 0 = no detector). Default: ${DEFAULT-VALUE}.")
  int detectAfter;

  @Option(names = "--node-hosting", defaultValue = "process", paramLabel = "process|shared",
      description = "process: one OS process per node, so a crash is a real process death and CPU and memory are the "
          + "process's; shared: all nodes in one 'twlb node-host' process, for clusters of hundreds (a crash closes the node's "
          + "listeners; CPU and memory are the node's own share, see the README). Default: ${DEFAULT-VALUE}.")
  String nodeHosting;

  @Option(names = "--class-archive-dir", defaultValue = "${sys:user.home}/.cache/twlb", paramLabel = "DIR|none",
      description = "Where the nodes' class-data-sharing archive is kept, made by the first run and shared by the node processes "
          + "of every run after it (less memory, faster start); 'none' for no archive. Default: ${DEFAULT-VALUE}.")
  String classArchiveDir;

  @Option(names = "--progress-every", defaultValue = "5s", converter = DurationConverter.class, description = "How often progress is printed. Default: ${DEFAULT-VALUE}.")
  Duration progressEvery;

  private RunSettings.NodeHosting hosting() {
    try {
      return RunSettings.NodeHosting.valueOf(nodeHosting.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--node-hosting " + nodeHosting + ": process or shared");
    }
  }

  @Override
  public Integer call() throws Exception {
    return new TestbedRun(check(), System.out).run();
  }

  /** The traffic's settings: the options', and the number of nodes its per-node rate is for. */
  private Map<String, Object> traffic() {
    Map<String, Object> traffic = ServiceSettings.of(spec, ServiceKeys.TRAFFIC);
    traffic.put(TrafficConfig.NODES, nodes);
    return traffic;
  }

  /** The balancer's settings: a trust-weighted balancer weighs the run's own detector's verdicts unless told otherwise. */
  Map<String, Object> balancer() {
    Map<String, Object> lb = ServiceSettings.of(spec, ServiceKeys.LB);
    if ("none".equals(detectionsTopic)) {
      lb.remove(LbConfig.DETECTIONS_TOPIC);
    } else if ((detectionsTopic == null || detectionsTopic.isEmpty()) && Strategy.Name.TRUST_WEIGHTED.toString().equals(lb.get(LbConfig.STRATEGY))
        && (model != null || detectAfter > 0)) {
      lb.put(LbConfig.DETECTIONS_TOPIC, Topics.FAULT_DETECTIONS.name());
    }
    return lb;
  }

  /** --window when given (on the command line or in TWLB_WINDOW), else the default stretched to the traffic per node. */
  Duration labeledWindow() {
    boolean given = spec.commandLine().getParseResult().hasMatchedOption("--window")
        || System.getenv(ConfigDefaults.envName(spec.findOption("--window"))) != null;
    if (given) {
      return window;
    }
    Duration stretched = WindowForTraffic.of(window, traffic());
    if (!stretched.equals(window)) {
      System.out.println(WindowForTraffic.reason(window, stretched, new TrafficConfig(traffic()).rate() / nodes));
    }
    return stretched;
  }

  /** Every check that can fail before anything starts: a clear message and exit code 2. */
  private RunSettings check() {
    Map<String, Object> scheduler = ServiceSettings.of(spec, ServiceKeys.SCHEDULER);
    scheduler.putIfAbsent(SchedulerConfig.SEED, new Random().nextLong() >>> 1);
    SchedulerConfig schedulerConfig;
    try {
      schedulerConfig = new SchedulerConfig(scheduler);
    } catch (ConfigException e) {
      throw new ParameterException(spec.commandLine(), "--faulty " + faulty + ": " + ServiceSettings.reason(e));
    }
    for (String service : List.of(ServiceKeys.TRAFFIC, ServiceKeys.SINK, ServiceKeys.BROKER, ServiceKeys.REGISTRY, ServiceKeys.LB,
        ServiceKeys.NODE, ServiceKeys.BRIDGE)) {
      ServiceSettings.of(spec, service); // checks every option against its key
    }
    LabelerConfig labeler = new LabelerConfig(ServiceSettings.of(spec, ServiceKeys.LABELER));
    if (model != null && detectAfter > 0) {
      throw new ParameterException(spec.commandLine(), "--model and --detect-after exclude each other: give a model, or train one");
    }
    if (model != null && !Files.isRegularFile(model)) {
      throw new ParameterException(spec.commandLine(), "--model " + model + ": no such file (train one with twlb train)");
    }
    if (detectAfter != 0 && (detectAfter < 2 || (epochs > 0 && detectAfter >= epochs))) {
      throw new ParameterException(spec.commandLine(), "--detect-after " + detectAfter
          + " must be at least 2 (a held-out split needs two epochs) and below --epochs, so some epochs are left to detect on");
    }
    Ports.requireWritable(spec, "--data-dir", dataDir);
    RunSettings settings = new RunSettings(epochs, epochDuration, schedulerConfig.startDelay(), schedulerConfig.seed(), nodes, faulty, FaultMix.parse(faults), faultDraw,
        traffic(), labeledWindow(), labeler.grace(), labeler.earlyWindow(), labeler.earlyHop(), dataDir, bootstrapServers, registryUrl, brokerPort, registryPort, lbPort, balancer(),
        nodeBasePort, servicePortBase, progressEvery, model, detectAfter,
        classArchiveDir.equals("none") ? null : Path.of(classArchiveDir), hosting());
    Map<String, Integer> ports = new LinkedHashMap<>();
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      ports.put("--broker-port", brokerPort);
    }
    if (registryUrl == null || registryUrl.isBlank()) {
      ports.put("--registry-port", registryPort);
    }
    ports.put("--lb-port", lbPort);
    for (int i = 0; i < nodes; i++) {
      ports.put("--node-base-port (node-" + (i + 1) + ")", nodeBasePort + i);
    }
    for (RunSettings.Service service : RunSettings.Service.values()) {
      if (service != RunSettings.Service.DETECTOR || settings.detects()) {
        ports.put("--service-port-base (" + service.name().toLowerCase(java.util.Locale.ROOT) + ")", settings.metricsPort(service));
      }
    }
    Ports.requireDistinctAndFree(spec, "localhost", ports);
    return settings;
  }
}
