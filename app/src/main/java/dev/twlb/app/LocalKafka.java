package dev.twlb.app;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real broker and schema registry in this process on a data directory's {@code kafka/} (a finished run's, started
 * again, or a new one), each on any free port.
 */
final class LocalKafka implements AutoCloseable {
  private final EmbeddedBroker broker;
  private final SchemaRegistryServer registry;

  private LocalKafka(EmbeddedBroker broker, SchemaRegistryServer registry) {
    this.broker = broker;
    this.registry = registry;
  }

  static LocalKafka on(Path dataDir) {
    EmbeddedBroker broker = EmbeddedBroker.start(new BrokerConfig(Map.of(
        BrokerConfig.DATA_DIR, dataDir.resolve("kafka").toString(), BrokerConfig.PORT, 0)));
    try {
      return new LocalKafka(broker, SchemaRegistryServer.start(new RegistryConfig(Map.of(
          RegistryConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(), RegistryConfig.PORT, 0)), Map.of()));
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
  }

  String bootstrapServers() {
    return broker.bootstrapServers();
  }

  String registryUrl() {
    return registry.url();
  }

  /** {@code bootstrap.servers} and {@code schema.registry.url} of this broker and registry. */
  Map<String, Object> clientProps() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", bootstrapServers());
    props.put("schema.registry.url", registryUrl());
    return props;
  }

  @Override
  public void close() {
    registry.close();
    broker.close();
  }
}
