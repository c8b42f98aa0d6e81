package dev.twlb.testkit;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * One real Kafka broker and one schema registry for a whole test JVM: the in-JVM KRaft broker of {@code twlb broker},
 * or, when asked, a Testcontainers broker. Tests share
 * it, so each test names its topics and application ids with {@link #unique(String)}.
 */
public final class KafkaFixture implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KafkaFixture.class);
  /** The broker image of the Kafka version the clients are built with (the pom says which). */
  public static final String KAFKA_IMAGE = "apache/kafka:" + org.apache.kafka.common.utils.AppInfoParser.getVersion();

  private final AutoCloseable broker;
  private final String bootstrapServers;
  private final Path dataDir;
  private SchemaRegistryServer registry;

  private KafkaFixture(AutoCloseable broker, String bootstrapServers, Path dataDir) {
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
  }

  static KafkaFixture start() {
    KafkaFixture fixture = useContainer() ? startContainer() : startInJvm();
    fixture.registry = fixture.startRegistry();
    return fixture;
  }

  /**
   * Testcontainers' broker only when asked ({@code -Dtwlb.test.broker=testcontainers} or {@code
   * TWLB_TEST_BROKER=testcontainers}), never by itself: even asking Testcontainers whether Docker answers starts its
   * Ryuk container, and an engine that reaches no image registry (this project's CI machines, where the compose test
   * runs one) then retries the pull while every Kafka test waits.
   */
  private static boolean useContainer() {
    return System.getProperty("twlb.test.broker", System.getenv().getOrDefault("TWLB_TEST_BROKER", "")).equals("testcontainers");
  }

  @SuppressWarnings("resource")
  private static KafkaFixture startContainer() {
    KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
    container.start();
    log.info("test broker: Testcontainers {} at {}", KAFKA_IMAGE, container.getBootstrapServers());
    return new KafkaFixture(container, container.getBootstrapServers(), null);
  }

  private static KafkaFixture startInJvm() {
    try {
      Path dir = Files.createTempDirectory("twlb-test-kafka");
      EmbeddedBroker broker = EmbeddedBroker.start(new BrokerConfig(Map.of(
          BrokerConfig.DATA_DIR, dir.toString(), BrokerConfig.PORT, 0, BrokerConfig.NUM_PARTITIONS, 1)));
      log.info("test broker: in-JVM KRaft at {}", broker.bootstrapServers());
      return new KafkaFixture(broker, broker.bootstrapServers(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a schema registry on {@code topic} (a fresh one each call; the fixture's own uses {@code _schemas}). */
  public SchemaRegistryServer startRegistry(String topic) {
    return SchemaRegistryServer.start(new RegistryConfig(Map.of(
        RegistryConfig.BOOTSTRAP_SERVERS, bootstrapServers, RegistryConfig.PORT, 0, RegistryConfig.TOPIC, topic)), Map.of());
  }

  private SchemaRegistryServer startRegistry() {
    return startRegistry("_schemas");
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String registryUrl() {
    return registry.url();
  }

  /** Client properties every serde of a test needs. */
  public Map<String, Object> serdeConfig() {
    return Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
  }

  /** A name no other test in this JVM uses, for topics, groups and application ids. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Creates the topics and waits for their partitions' leaders; one that already exists (a default topic another test of
   * this broker made) is kept as it is.
   */
  public void createTopics(int partitions, String... names) {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      List<NewTopic> topics = Stream.of(names).map(n -> new NewTopic(n, partitions, (short) 1)).toList();
      for (var created : admin.createTopics(topics).values().values()) {
        try {
          created.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
        }
      }
      dev.twlb.schemas.kafka.PartitionLeaders.await(admin, List.of(names), java.time.Duration.ofSeconds(30));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create topics " + Set.of(names), e);
    }
  }

  @Override
  public void close() throws Exception {
    if (registry != null) {
      registry.close();
    }
    broker.close();
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
