package dev.twlb.app;

import dev.twlb.detector.DetectorConfig;
import dev.twlb.detector.DetectorService;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "detect", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Judges every node every half second, live, with a model from twlb train.",
      "Reads early-windows (each node's last 3 s, every half second, from the labeler),",
      "decides from each window's features alone and publishes one FaultDetection",
      "per window to fault-detections, exactly once (Kafka Streams transactions).",
      "Train the model on early windows too (a twlb run's DIR/early). /metrics:",
      "verdicts by class; live accuracy and macro-F1 over recent clean windows (their",
      "labeled copies, labeled-early-windows, scored again); delay after a window's",
      "end; onset-to-verdict time by fault and false alarms per node-hour, measured",
      "against the nodes' confirmations (fault-confirmations). --input-topic",
      "labeled-metrics judges the final windows instead, a grace later."})
final class DetectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Option(names = "--model", required = true, descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.MODEL_FILE, description = "Model file written by twlb train (e.g. detector/model.tribuo).")
  Path model;

  @Option(names = "--application-id", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.APPLICATION_ID,
      description = "Kafka Streams application id. Default: ${DEFAULT-VALUE}.")
  String applicationId;

  @Option(names = "--input-topic", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.INPUT_TOPIC,
      description = "The windows to judge. Default: ${DEFAULT-VALUE}.")
  String inputTopic;

  @Option(names = "--check-topic", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.CHECK_TOPIC,
      description = "Their labeled copies, for the live scores ('' for none). Default: ${DEFAULT-VALUE}.")
  String checkTopic;

  @Option(names = "--steady-windows", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.STEADY_WINDOWS,
      description = "A node turns faulty (or benign again) once the model called this many of its windows in a row so;"
          + " the fault named is the latest window's; 1: each window's own verdict. Default: ${DEFAULT-VALUE}.")
  int steadyWindows;

  @Option(names = "--recent-windows", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.RECENT_WINDOWS,
      description = "Clean windows the live accuracy is measured over. Default: ${DEFAULT-VALUE}.")
  int recentWindows;

  @Option(names = "--host", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.HOST, description = "Interface of /metrics. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.DETECTOR + DetectorConfig.PORT, description = "Port of /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    DetectorConfig config = new DetectorConfig(ServiceSettings.of(spec, ServiceKeys.DETECTOR));
    Ports.requireFree(spec, "--port", host, port);
    DetectorService detector = DetectorService.start(config, clients.all());
    System.out.println("detector running with model " + detector.modelId() + ", metrics on port " + detector.metricsPort());
    return Services.runUntilStopped("detect", detector);
  }
}
