package dev.twlb.app;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "broker", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs a real single-node Apache Kafka broker (KRaft) in this process.",
      "The broker is combined broker and controller. Storage is formatted on first start and reused",
      "afterwards. Stops cleanly on SIGTERM or Ctrl-C."})
final class BrokerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", paramLabel = "DIR", descriptionKey = ServiceKeys.BROKER + BrokerConfig.DATA_DIR,
      description = "Where the broker keeps its logs and metadata. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--host", descriptionKey = ServiceKeys.BROKER + BrokerConfig.HOST,
      description = "Host name to bind and advertise. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.BROKER + BrokerConfig.PORT,
      description = "Client port (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--partitions", descriptionKey = ServiceKeys.BROKER + BrokerConfig.NUM_PARTITIONS,
      description = "Partitions of auto-created topics. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Override
  public Integer call() {
    BrokerConfig config = new BrokerConfig(ServiceSettings.of(spec, ServiceKeys.BROKER));
    Ports.requireFree(spec, "--port", host, port);
    EmbeddedBroker broker = EmbeddedBroker.start(config);
    System.out.println("Kafka broker ready: " + broker.bootstrapServers() + " (data in " + dataDir + ")");
    return Services.runUntilStopped("broker", broker);
  }
}
