package dev.twlb.app;

import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.Topic;
import dev.twlb.schemas.kafka.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * A topic read from its beginning with read_committed, polled by the test whenever it looks. Records are kept by
 * partition and offset, so reading a stretch again (a consumer that lost its position while the broker restarted)
 * is not taken for a duplicate, while a record written twice still is.
 */
final class TopicTail<V extends SpecificRecord> implements AutoCloseable {
  private final KafkaConsumer<String, V> consumer;
  private final Map<String, V> seen = new java.util.LinkedHashMap<>();
  private final String topic;

  TopicTail(Topic<V> topic, Map<String, Object> clientProps) {
    Map<String, Object> props = new java.util.HashMap<>(clientProps);
    props.putAll(Map.of("group.id", "tail-" + UUID.randomUUID(), "auto.offset.reset", "earliest", "isolation.level", "read_committed"));
    consumer = KafkaClients.consumer(topic, props);
    consumer.subscribe(List.of(topic.name()));
    this.topic = topic.name();
  }

  /** Everything read so far, after one more poll. */
  List<V> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.put(r.partition() + "@" + r.offset(), r.value()));
    return List.copyOf(seen.values());
  }

  /**
   * Everything the topic holds now: polls until this consumer holds every partition and has read each to its end (its
   * last stable offset). A single {@link #poll} may return nothing for a while after the broker restarted.
   */
  List<V> all() {
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      poll();
      Set<TopicPartition> held = consumer.assignment();
      if (held.size() < consumer.partitionsFor(topic).size()) {
        return false;
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(held);
      return held.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
    });
    return List.copyOf(seen.values());
  }

  @Override
  public void close() {
    consumer.close();
  }
}
