package dev.twlb.app;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "labeler", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs the Kafka Streams labeler: per-node windows of features, labeled by time.",
      "Requests, node reports and scrapes of each node are folded into tumbling event-time windows, emitted once",
      "when a window closes, and labeled with the fault assignment in force during the window (with its purity",
      "and a transition flag). Output: labeled-metrics. Unusable input goes to labeler-dlq. Exactly-once."})
final class LabelerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Mixin
  WindowOptions windows;

  @Option(names = "--application-id", descriptionKey = ServiceKeys.LABELER + LabelerConfig.APPLICATION_ID,
      description = "Kafka Streams application id. Default: ${DEFAULT-VALUE}.")
  String applicationId;

  @Option(names = "--state-dir", descriptionKey = ServiceKeys.LABELER + LabelerConfig.STATE_DIR,
      description = "Where the window and assignment stores live. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Option(names = "--unlabeled-windows", paramLabel = "keep|drop", descriptionKey = ServiceKeys.LABELER + LabelerConfig.UNLABELED_WINDOWS,
      description = "Windows no fault assignment covers: keep them labeled unknown, or drop them. Default: ${DEFAULT-VALUE}.")
  String unlabeledWindows;

  @Option(names = "--instance-id", descriptionKey = ServiceKeys.LABELER + LabelerConfig.INSTANCE_ID,
      description = "Static group membership id, unique per labeler instance: a restarted labeler takes its partitions"
          + " back at once. Default: derived from the host and --state-dir; 'dynamic' for dynamic membership.")
  String instanceId;

  @Option(names = "--early-window", descriptionKey = ServiceKeys.LABELER + LabelerConfig.EARLY_WINDOW_MS,
      converter = dev.twlb.servicekit.DurationConverter.class,
      description = "Each node's trailing window sent out every --early-hop for a live detector; 0s: none. Default: ${DEFAULT-VALUE}.")
  java.time.Duration earlyWindow;

  @Option(names = "--early-hop", descriptionKey = ServiceKeys.LABELER + LabelerConfig.EARLY_HOP_MS,
      converter = dev.twlb.servicekit.DurationConverter.class,
      description = "How often the early windows go out. Default: ${DEFAULT-VALUE}.")
  java.time.Duration earlyHop;

  @Option(names = "--host", descriptionKey = ServiceKeys.LABELER + LabelerConfig.HOST, description = "Interface of /metrics. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.LABELER + LabelerConfig.PORT, description = "Port of /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    LabelerConfig config = new LabelerConfig(ServiceSettings.of(spec, ServiceKeys.LABELER));
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    LabelerService labeler = LabelerService.start(config, props);
    System.out.println("labeler running: " + windows.window.toMillis() + " ms windows, grace " + windows.grace.toMillis() + " ms, metrics on port " + labeler.metricsPort());
    return Services.runUntilStopped("labeler", labeler);
  }
}
