package dev.twlb.app;

import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "registry", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs a Confluent-compatible schema registry backed by Kafka.",
      "It serves the REST API producers and consumers use, storing schemas in a compacted Kafka topic",
      "so ids survive restarts."})
final class RegistryCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  KafkaOptions kafka;

  @Option(names = "--host", descriptionKey = ServiceKeys.REGISTRY + RegistryConfig.HOST,
      description = "Interface to listen on (0.0.0.0 for all). Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.REGISTRY + RegistryConfig.PORT,
      description = "HTTP port (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--topic", descriptionKey = ServiceKeys.REGISTRY + RegistryConfig.TOPIC,
      description = "Compacted topic that stores the schemas. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Override
  public Integer call() {
    Map<String, Object> settings = ServiceSettings.of(spec, ServiceKeys.REGISTRY);
    settings.put(RegistryConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
    RegistryConfig config = new RegistryConfig(settings);
    Map<String, Object> clientProps = kafka.clientProperties();
    Ports.requireFree(spec, "--port", host, port);
    SchemaRegistryServer registry = SchemaRegistryServer.start(config, clientProps);
    System.out.println("Schema registry ready: " + registry.url() + " (schemas in topic " + topic + ")");
    return Services.runUntilStopped("registry", registry);
  }
}
