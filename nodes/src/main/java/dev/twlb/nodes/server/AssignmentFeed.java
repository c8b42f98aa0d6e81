package dev.twlb.nodes.server;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.TopicFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@code fault-assignments} into the nodes' timelines: first everything published in the look-back period (to
 * find the assignment in force now, e.g. after a crash), then new assignments as they come, each with when it was
 * read. A {@link TopicFeed}: it retries for as long as the node runs, and meanwhile the node applies what it has read;
 * what it has not read it never confirms, so no window is labeled with it.
 */
final class AssignmentFeed {
  private AssignmentFeed() {}

  /** @param timelines takes every assignment read, with when it was read (a node's timeline keeps those for its node) */
  static TopicFeed<FaultAssignment> of(String topic, ObjLongConsumer<FaultAssignment> timelines, Duration lookback,
                                       Map<String, Object> clientProps, Clock clock) {
    return new TopicFeed<>(Topics.FAULT_ASSIGNMENTS.renamed(topic), clientProps,
        (consumer, partitions) -> seekToLookback(consumer, partitions, clock.millis() - lookback.toMillis()),
        a -> timelines.accept(a, clock.millis()));
  }

  private static void seekToLookback(KafkaConsumer<String, FaultAssignment> consumer, List<TopicPartition> partitions, long since) {
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, since));
    Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
    for (TopicPartition p : partitions) {
      OffsetAndTimestamp found = offsets.get(p);
      if (found != null) {
        consumer.seek(p, found.offset());
      } else {
        consumer.seekToEnd(List.of(p));
      }
    }
  }
}
