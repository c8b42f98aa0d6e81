package dev.twlb.app;

import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** A finished run's topics, read back by starting its broker and registry again on the same data directory. */
final class RunTopics {
  private RunTopics() {}

  /** Every record of {@code topic} (read_committed): all of it, the run having ended. Fails after a minute. */
  static <V extends SpecificRecord> List<V> read(Path dataDir, Topic<V> topic) throws Exception {
    try (LocalKafka kafka = LocalKafka.on(dataDir)) {
      return KafkaClients.readToEnd(topic, kafka.clientProps(), Map.of(), Duration.ofSeconds(60));
    }
  }
}
