package dev.twlb.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a subcommand reaches Kafka: any real cluster, with extra client properties for TLS or SASL. */
public final class KafkaOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
      descriptionKey = ServiceKeys.CLIENT + "bootstrap.servers",
      description = "Kafka brokers to connect to. Default: ${DEFAULT-VALUE}.")
  String bootstrapServers;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Java properties file of extra Kafka client settings, e.g. security.protocol, sasl.*, ssl.*.")
  Path kafkaConfig;

  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The extra client properties of {@code --kafka-config}, plus {@code bootstrap.servers}. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    if (kafkaConfig != null) {
      if (!Files.isReadable(kafkaConfig)) {
        throw new ParameterException(spec.commandLine(), "--kafka-config " + kafkaConfig + ": no such readable file");
      }
      Properties file = new Properties();
      try (Reader reader = Files.newBufferedReader(kafkaConfig)) {
        file.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--kafka-config " + kafkaConfig + ": " + e.getMessage());
      }
      file.forEach((k, v) -> props.put((String) k, v));
    }
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }
}
