package dev.twlb.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The registry's storage: one compacted single-partition topic, in the JSON record format of
 * Confluent's registry (key {@code {"keytype":"SCHEMA","subject":..,"version":..,"magic":1}}).
 * Records of other key types are skipped, so the topic may also come from a Confluent registry.
 */
final class SchemaLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaProducer<String, String> producer;
  private final KafkaConsumer<String, String> consumer;

  SchemaLog(RegistryConfig config, Map<String, Object> clientOverrides) {
    this.partition = new TopicPartition(config.topic(), 0);
    this.timeout = Duration.ofMillis(config.timeoutMs());
    Map<String, Object> common = new HashMap<>(clientOverrides);
    common.put("bootstrap.servers", config.bootstrapServers());
    createTopicIfAbsent(common);

    Map<String, Object> producerProps = new HashMap<>(common);
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerProps.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, config.timeoutMs());
    producerProps.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(config.timeoutMs(), 30_000));
    producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());

    Map<String, Object> consumerProps = new HashMap<>(common);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer());
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /** Writes one record and returns once the broker has it. */
  void append(SchemaRecord record) {
    String key = JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", record.subject())
        .put("version", record.version()).put("magic", 1).toString();
    String value = JSON.createObjectNode().put("subject", record.subject()).put("version", record.version())
        .put("id", record.id()).put("schema", record.schema()).put("deleted", false).toString();
    try {
      producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), key, value))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RegistryError.storeUnavailable("interrupted");
    } catch (ExecutionException | TimeoutException e) {
      throw RegistryError.storeUnavailable("cannot write to " + partition.topic() + ": " + e.getMessage());
    }
  }

  /** Reads every record up to the current end of the topic and hands each to {@code store}. */
  synchronized void catchUp(SchemaStore store) {
    long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (consumer.position(partition, timeout) < end) {
      if (System.nanoTime() > deadline) {
        throw RegistryError.storeUnavailable("could not read " + partition.topic() + " up to offset " + end);
      }
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        parse(record).ifPresent(store::apply);
      }
    }
  }

  private static Optional<SchemaRecord> parse(ConsumerRecord<String, String> record) {
    try {
      if (record.key() == null || record.value() == null) {
        return Optional.empty();
      }
      JsonNode key = JSON.readTree(record.key());
      JsonNode value = JSON.readTree(record.value());
      if (!"SCHEMA".equals(key.path("keytype").asText()) || value.path("deleted").asBoolean(false)) {
        return Optional.empty();
      }
      return Optional.of(new SchemaRecord(value.path("subject").asText(), value.path("version").asInt(),
          value.path("id").asInt(), value.path("schema").asText()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private void createTopicIfAbsent(Map<String, Object> adminProps) {
    try (Admin admin = Admin.create(adminProps)) {
      if (admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS).contains(partition.topic())) {
        return;
      }
      int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      NewTopic topic = new NewTopic(partition.topic(), 1, (short) Math.min(3, brokers))
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      admin.createTopics(Set.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create the schemas topic " + partition.topic() + ": " + e.getCause(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + partition.topic(), e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka at the given bootstrap servers did not answer within " + timeout.toMillis()
          + " ms; is it running?", e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
    consumer.close(Duration.ofSeconds(5));
  }
}
