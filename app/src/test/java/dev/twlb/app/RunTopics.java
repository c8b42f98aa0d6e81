package dev.twlb.app;

import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** A finished run's topics, read back by starting its broker and registry again on the same data directory. */
final class RunTopics {
  private RunTopics() {}

  /** Every record of {@code topic} (read_committed), once at least {@code expected} are read or a minute has passed. */
  static <V extends SpecificRecord> List<V> read(Path dataDir, Topic<V> topic, int expected) throws Exception {
    List<V> all = new ArrayList<>();
    try (LocalKafka kafka = LocalKafka.on(dataDir);
         KafkaConsumer<String, V> consumer = KafkaClients.consumer(topic, consumerProps(kafka))) {
      consumer.subscribe(List.of(topic.name()));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (all.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
      }
    }
    return all;
  }

  private static Map<String, Object> consumerProps(LocalKafka kafka) {
    Map<String, Object> props = kafka.clientProps();
    props.put("group.id", "run-reader-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    return props;
  }
}
