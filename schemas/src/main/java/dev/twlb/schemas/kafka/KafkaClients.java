package dev.twlb.schemas.kafka;

import dev.twlb.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producers and consumers of the data-flow topics: node-id keys as strings, Avro values in the
 * Confluent wire format. {@code props} holds {@code bootstrap.servers}, {@code schema.registry.url}
 * and any extra client settings (TLS, SASL).
 */
public final class KafkaClients {
  private KafkaClients() {}

  public static <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> topic, Map<String, ?> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(config, new StringSerializer(), topic.valueSerde(props).serializer());
  }

  public static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(Topic<V> topic, Map<String, ?> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde(props).deserializer());
  }

  /**
   * Every record of {@code topic} (read_committed) from {@code from} (the beginning for partitions not in it) up to the
   * end offsets its partitions have when reading starts; fails if that takes longer than {@code timeout}.
   */
  public static <V extends SpecificRecord> List<V> readToEnd(Topic<V> topic, Map<String, ?> props, Map<TopicPartition, Long> from,
      Duration timeout) {
    try (KafkaConsumer<String, V> consumer = consumer(topic, props)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions.stream().filter(p -> !from.containsKey(p)).toList());
      partitions.stream().filter(from::containsKey).forEach(p -> consumer.seek(p, from.get(p)));
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      List<V> values = new ArrayList<>();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(topic.name() + ": not read to its end offsets " + ends + " within " + timeout
              + "; read " + values.size());
        }
        consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
      }
      return values;
    }
  }
}
