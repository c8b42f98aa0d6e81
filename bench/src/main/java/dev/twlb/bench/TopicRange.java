package dev.twlb.bench;

import dev.twlb.schemas.Topic;
import dev.twlb.schemas.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
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

  /** Every record of {@code topic} from {@code from} (the beginning for partitions not in it) up to its end now. */
  static <V extends SpecificRecord> List<V> read(Infra infra, Topic<V> topic, Map<TopicPartition, Long> from) {
    return KafkaClients.readToEnd(topic, infra.clientProps(), from, Duration.ofMinutes(10));
  }
}
