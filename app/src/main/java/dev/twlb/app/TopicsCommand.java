package dev.twlb.app;

import dev.twlb.app.run.TopicSetup;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.schemas.Topics;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "topics", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Creates the data-flow topics (or checks existing ones).",
      "fault-assignments, fault-confirmations, request-events, node-reports, node-metrics, labeled-metrics,",
      "fault-detections and labeler-dlq, keyed by node id, all with the same number of partitions (the labeler",
      "reads them together)."})
final class TopicsCommand implements Callable<Integer> {
  @Mixin
  KafkaOptions kafka;

  @Option(names = "--partitions", descriptionKey = ServiceKeys.BROKER + BrokerConfig.NUM_PARTITIONS, description = "Partitions per topic. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Override
  public Integer call() throws Exception {
    TopicSetup.ensure(kafka.clientProperties(), partitions);
    System.out.println("topics ready: " + String.join(", ", Topics.SET_UP));
    return 0;
  }
}
