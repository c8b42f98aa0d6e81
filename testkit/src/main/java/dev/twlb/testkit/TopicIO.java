package dev.twlb.testkit;

import dev.twlb.schemas.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain producers and consumers of the tests, with the project's serdes. */
public final class TopicIO {
  private TopicIO() {}

  public static <V extends SpecificRecord> void produce(KafkaFixture kafka, Topic<V> topic, List<V> values) {
    try (KafkaProducer<String, V> producer = new KafkaProducer<>(
        Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), topic.valueSerde(kafka.serdeConfig()).serializer())) {
      for (V value : values) {
        producer.send(new ProducerRecord<>(topic.name(), keyOf(value), value));
      }
      producer.flush();
    }
  }

  /** The node id of a record (every data-flow record has one), used as its key as in production. */
  private static String keyOf(SpecificRecord value) {
    Object node = value.getSchema().getField("node_id") == null ? null : value.get(value.getSchema().getField("node_id").pos());
    return node == null ? "key" : node.toString();
  }

  public static <V extends SpecificRecord> List<V> consume(KafkaFixture kafka, Topic<V> topic, int count, Duration timeout) {
    return consume(kafka, topic.name(), topic.valueSerde(kafka.serdeConfig()).deserializer(), count, timeout);
  }

  public static <V> List<V> consume(KafkaFixture kafka, String topic, Deserializer<V> values, int count, Duration timeout) {
    List<V> read = new ArrayList<>();
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(),
        "group.id", KafkaFixture.unique("test"),
        "auto.offset.reset", "earliest"), new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      while (read.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          read.add(record.value());
        }
      }
    }
    return read;
  }
}
