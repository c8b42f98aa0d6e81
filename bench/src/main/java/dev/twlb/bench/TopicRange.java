package dev.twlb.bench;

import dev.twlb.schemas.Topic;
import dev.twlb.schemas.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** The records a topic gained between two moments: its end offsets then, and everything from them to its end now. */
final class TopicRange {
  private TopicRange() {}

  /** The end offset of every partition of {@code topic} now (none when it does not exist yet). */
  static Map<TopicPartition, Long> ends(Infra infra, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", infra.broker.bootstrapServers(),
        "key.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class,
        "value.deserializer", org.apache.kafka.common.serialization.ByteArrayDeserializer.class))) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions).entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
  }

  /** Every record of {@code topic} from {@code from} (0 for partitions not in it) up to its end now. */
  static <V extends SpecificRecord> List<V> read(Infra infra, Topic<V> topic, Map<TopicPartition, Long> from) {
    try (KafkaConsumer<String, V> consumer = KafkaClients.consumer(topic, infra.clientProps())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      partitions.forEach(p -> consumer.seek(p, from.getOrDefault(p, 0L)));
      Map<TopicPartition, Long> until = consumer.endOffsets(partitions);
      List<V> values = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < until.get(p))) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofSeconds(1))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }
}
