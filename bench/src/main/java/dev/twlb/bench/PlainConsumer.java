package dev.twlb.bench;

import dev.twlb.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/** The reference of the labeler bench: a plain consumer reading and decoding the labeler's inputs, nothing else. */
final class PlainConsumer {
  private PlainConsumer() {}

  /** Records per second read and decoded until {@code expected} are in; fails when none comes for 60 s. */
  static double recordsPerSecond(Infra infra, List<Topic<?>> inputs, long expected, String groupId) {
    Map<String, Object> props = infra.clientProps();
    Map<String, Deserializer<?>> decoders = new HashMap<>();
    inputs.forEach(topic -> decoders.put(topic.name(), topic.valueSerde(props).deserializer()));
    long read = 0;
    long started = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", props.get("bootstrap.servers"),
        "group.id", groupId, "auto.offset.reset", "earliest", "max.poll.records", 5_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(decoders.keySet());
      long lastRecord = System.nanoTime();
      while (read < expected) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (var r : batch) {
          decoders.get(r.topic()).deserialize(r.topic(), r.value());
          read++;
        }
        if (!batch.isEmpty()) {
          lastRecord = System.nanoTime();
        } else if (System.nanoTime() - lastRecord > TimeUnit.SECONDS.toNanos(60)) {
          throw new IllegalStateException(String.format("the plain consumer read %,d of the %,d records preloaded, and"
              + " nothing more for 60 s", read, expected));
        }
      }
    }
    return read / ((System.nanoTime() - started) / 1e9);
  }
}
