package dev.twlb.bench;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.schemas.kafka.PartitionLeaders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

  /**
   * The clients' settings for a producer that writes right after {@link #createTopics}: one request in flight. With
   * more, a first request that reaches the broker before it has made the new partition fails and is retried after a
   * second one has been written, and the broker then refuses its sequence numbers until the batch expires (Kafka's
   * KAFKA-15591, {@link PartitionLeaders}): waiting for the leaders narrows that moment, one request in flight closes it.
   */
  Map<String, Object> producerProps() {
    Map<String, Object> props = clientProps();
    props.put("max.in.flight.requests.per.connection", 1);
    return props;
  }

  /** Creates the topics and waits until the broker names a leader for every partition. */
  void createTopics(int partitions, String... names) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      admin.createTopics(List.of(names).stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList())
          .all().get(60, TimeUnit.SECONDS);
      PartitionLeaders.await(admin, List.of(names), Duration.ofSeconds(60));
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
