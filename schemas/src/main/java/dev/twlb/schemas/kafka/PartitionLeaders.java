package dev.twlb.schemas.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Waits, after creating topics, until the broker names a leader for every partition. Writing at once is how records get
 * lost: a producer's first request can reach the broker before it has made the new partition, fail, and be retried
 * after a second request was written; the broker then refuses the first one's sequence numbers until the batch expires
 * (Kafka's KAFKA-15591; it cost a benchmark's preload 77 records on a fresh clone's CI).
 */
public final class PartitionLeaders {
  private PartitionLeaders() {}

  /** The topics' descriptions once every partition has a leader; fails after {@code timeout}. */
  public static List<TopicDescription> await(Admin admin, Collection<String> topics, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        List<TopicDescription> described = List.copyOf(admin.describeTopics(topics).allTopicNames()
            .get(timeout.toMillis(), TimeUnit.MILLISECONDS).values());
        if (described.stream().allMatch(t -> t.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()))) {
          return described;
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) { // a topic just created may be unknown a moment
          throw e;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no leader for every partition of " + topics + " after " + timeout.toSeconds() + " s");
      }
      Thread.sleep(100);
    }
  }
}
