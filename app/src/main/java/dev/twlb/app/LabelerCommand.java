package dev.twlb.app;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "labeler", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    defaultValueProvider = LabelerCommand.Defaults.class,
    description = {
      "Runs the Kafka Streams labeler: per-node windows of features, labeled by time.",
      "Requests, node reports and scrapes of each node are folded into tumbling event-time windows, emitted once",
      "when a window closes, and labeled with the fault assignment in force during the window (with its purity",
      "and a transition flag). Output: labeled-metrics. Unusable input goes to labeler-dlq. Exactly-once."})
final class LabelerCommand implements Callable<Integer> {
  static final class Defaults extends ConfigDefaults {
    Defaults() {
      super(LabelerConfig.CONFIG);
    }
  }

  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Option(names = "--window", defaultValue = "${env:TWLB_WINDOW:-5s}", converter = DurationConverter.class,
      description = "Window length. Default: ${DEFAULT-VALUE}.")
  Duration window;

  @Option(names = "--grace", defaultValue = "${env:TWLB_GRACE:-6s}", converter = DurationConverter.class,
      description = "How long a window waits for late records; keep it above the balancer's timeout. Default: ${DEFAULT-VALUE}.")
  Duration grace;

  @Option(names = "--application-id", defaultValue = "${env:TWLB_LABELER_APP_ID:-twlb-labeler}",
      description = "Kafka Streams application id. Default: ${DEFAULT-VALUE}.")
  String applicationId;

  @Option(names = "--state-dir", defaultValue = "${env:TWLB_LABELER_STATE_DIR:-./data/labeler-state}",
      description = "Where the window and assignment stores live. Default: ${DEFAULT-VALUE}.")
  Path stateDir;

  @Option(names = "--unlabeled-windows", paramLabel = "keep|drop", descriptionKey = LabelerConfig.UNLABELED_WINDOWS,
      description = "Windows no fault assignment covers: keep them labeled unknown, or drop them. Default: ${DEFAULT-VALUE}.")
  String unlabeledWindows;

  @Option(names = "--host", defaultValue = "${env:TWLB_LABELER_HOST:-localhost}", description = "Interface of /metrics.")
  String host;

  @Option(names = "--port", defaultValue = "${env:TWLB_LABELER_PORT:-9401}", description = "Port of /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    Map<String, Object> settings = new HashMap<>(Map.of(LabelerConfig.WINDOW_MS, window.toMillis(),
        LabelerConfig.GRACE_MS, grace.toMillis(), LabelerConfig.APPLICATION_ID, applicationId,
        LabelerConfig.HOST, host, LabelerConfig.PORT, port, LabelerConfig.UNLABELED_WINDOWS, unlabeledWindows));
    LabelerConfig config = new LabelerConfig(settings);
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    LabelerService labeler = LabelerService.start(config, props, stateDir);
    System.out.println("labeler running: " + window.toMillis() + " ms windows, grace " + grace.toMillis() + " ms, metrics on port " + labeler.metricsPort());
    Services.runUntilStopped(labeler);
    return 0;
  }
}
