package dev.twlb.nodes.server;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code fault-assignments} on its own thread into the nodes' timelines: first everything
 * published in the look-back period (to find the assignment in force now, e.g. after a crash),
 * then new assignments as they come. No consumer group: every node reads every partition.
 */
final class AssignmentFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AssignmentFeed.class);

  private final String topic;
  private final Consumer<FaultAssignment> timelines;
  private final Duration lookback;
  private final KafkaConsumer<String, FaultAssignment> consumer;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final Thread thread;
  private volatile boolean stopped;

  /** @param timelines takes every assignment read (a node's timeline keeps those for its node) */
  AssignmentFeed(String topic, Consumer<FaultAssignment> timelines, Duration lookback, Map<String, Object> clientProps) {
    this.topic = topic;
    this.timelines = timelines;
    this.lookback = lookback;
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put("allow.auto.create.topics", false);
    props.remove("group.id");
    this.consumer = KafkaClients.consumer(Topics.FAULT_ASSIGNMENTS.renamed(topic), props);
    this.thread = new Thread(this::run, "assignment-feed");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  /** Waits until the assignments of the look-back period are read; false if that took longer than {@code timeout}. */
  boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void run() {
    try {
      List<TopicPartition> partitions = awaitPartitions();
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      seekToLookback(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!stopped) {
        for (ConsumerRecord<String, FaultAssignment> record : consumer.poll(Duration.ofMillis(100))) {
          if (record.value() != null) {
            timelines.accept(record.value());
          }
        }
        if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
          caughtUp.countDown();
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("reading {} failed; the node keeps its last known assignments", topic, e);
    }
  }

  /** The topic's partitions; waits for the topic to exist (the scheduler may start after the node). */
  private List<TopicPartition> awaitPartitions() {
    while (!stopped) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      caughtUp.countDown(); // nothing to catch up with yet
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  private void seekToLookback(List<TopicPartition> partitions) {
    long since = System.currentTimeMillis() - lookback.toMillis();
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

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(2));
  }
}
