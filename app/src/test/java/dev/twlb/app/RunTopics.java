package dev.twlb.app;

import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.Topic;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** A finished run's topics, read back by starting its broker and registry again on the same data directory. */
final class RunTopics {
  private RunTopics() {}

  /**
   * Every record of {@code topic} (read_committed): up to the end offsets its partitions have when reading starts, which
   * for a run that has ended is all of it. Fails if that takes longer than a minute.
   */
  static <V extends SpecificRecord> List<V> read(Path dataDir, Topic<V> topic) throws Exception {
    List<V> all = new ArrayList<>();
    try (LocalKafka kafka = LocalKafka.on(dataDir);
         KafkaConsumer<String, V> consumer = KafkaClients.consumer(topic, kafka.clientProps())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(topic.name() + ": not read to its end offsets " + ends + " within a minute; read " + all.size());
        }
        consumer.poll(Duration.ofMillis(200)).forEach(r -> all.add(r.value()));
      }
    }
    return all;
  }
}
