package dev.twlb.bench;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Utils;

/** A real broker and schema registry in this process, on a fresh data directory, for one benchmark. */
final class Infra implements AutoCloseable {
  final Path dir;
  final EmbeddedBroker broker;
  final SchemaRegistryServer registry;

  Infra() throws Exception {
    dir = Files.createTempDirectory("twlb-bench");
    broker = EmbeddedBroker.start(new BrokerConfig(Map.of(BrokerConfig.DATA_DIR, dir.resolve("kafka").toString(),
        BrokerConfig.PORT, 0, BrokerConfig.NUM_PARTITIONS, 3)));
    registry = SchemaRegistryServer.start(new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(),
        RegistryConfig.PORT, 0)), Map.of());
  }

  Map<String, Object> clientProps() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    props.put("schema.registry.url", registry.url());
    return props;
  }

  void createTopics(int partitions, String... names) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(names).stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList())
          .all().get(60, TimeUnit.SECONDS);
    }
  }

  /** Stops both and deletes their data: a labeler run leaves gigabytes of topic logs, and they filled /tmp once. */
  @Override
  public void close() throws IOException {
    registry.close();
    broker.close();
    Utils.delete(dir.toFile());
  }
}
