package dev.twlb.app;

import dev.twlb.nodes.server.NodeConfig;
import picocli.CommandLine.Option;

/** What a node does, whether it runs alone ({@code twlb node}) or in a host ({@code twlb node-host}). */
final class NodeOptions {
  @Option(names = "--host", descriptionKey = ServiceKeys.NODE + NodeConfig.HOST,
      description = "Interface to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--work-ms", descriptionKey = ServiceKeys.NODE + NodeConfig.WORK_MS, description = "CPU time per /process request, ms. Default: ${DEFAULT-VALUE}.")
  double workMs;

  @Option(names = "--assignments-topic", descriptionKey = ServiceKeys.NODE + NodeConfig.ASSIGNMENTS_TOPIC,
      description = "Topic of fault assignments. Default: ${DEFAULT-VALUE}.")
  String assignmentsTopic;

  @Option(names = "--reports-topic", descriptionKey = ServiceKeys.NODE + NodeConfig.REPORTS_TOPIC,
      description = "Topic of the reports of what the node claims. Default: ${DEFAULT-VALUE}.")
  String reportsTopic;

  @Option(names = "--confirmations-topic", descriptionKey = ServiceKeys.NODE + NodeConfig.CONFIRMATIONS_TOPIC,
      description = "Topic the node confirms each assignment it applied on (the labels' evidence). Default: ${DEFAULT-VALUE}.")
  String confirmationsTopic;
}
