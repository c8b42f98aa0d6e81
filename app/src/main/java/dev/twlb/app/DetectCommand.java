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
      "Scores every labeled window live with a model from twlb train.",
      "Reads labeled-metrics, decides from each window's features alone (its label",
      "is never an input) and publishes one FaultDetection per window to",
      "fault-detections, exactly once (Kafka Streams transactions). /metrics:",
      "verdicts by class, live accuracy and macro-F1 over recent clean windows,",
      "detection delay."})
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
