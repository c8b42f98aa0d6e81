package dev.twlb.schemas.kafka;

import dev.twlb.schemas.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every partition of one topic, without a consumer group, on a thread of its own, handing each value to a
 * callback: from where {@code seek} puts it, then as records come.
 *
 * <p>It never gives up while its service runs: a slow or restarting broker, a topic not there yet, a registry that
 * does not answer are retried with a backoff doubling up to {@link #MAX_BACKOFF}, each failure logged and shown by
 * {@link #status()}. Only what retrying cannot mend (no right to read the topic, a name the broker refuses) ends it,
 * through {@link #failure()}, which its service reports so that the process stops and is started again.
 */
public final class TopicFeed<V extends SpecificRecord> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicFeed.class);
  public static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** What {@link #status()} says while the feed reads its topic. */
  private static final String READING = "reading";

  private final String topic;
  private final BiConsumer<KafkaConsumer<String, V>, List<TopicPartition>> seek;
  private final Consumer<V> values;
  private final KafkaConsumer<String, V> consumer;
  private final CountDownLatch caughtUp = new CountDownLatch(1);
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private final Object pause = new Object();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile String status = "starting";

  /**
   * @param seek where reading starts, at the first attempt and after every failure
   * @param values takes every value read, on the feed's thread
   */
  public TopicFeed(Topic<V> topic, Map<String, ?> clientProps, BiConsumer<KafkaConsumer<String, V>, List<TopicPartition>> seek,
                   Consumer<V> values) {
    this.topic = topic.name();
    this.seek = seek;
    this.values = values;
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put("allow.auto.create.topics", false);
    props.remove("group.id");
    this.consumer = KafkaClients.consumer(topic, props);
    this.thread = new Thread(this::run, "feed-" + topic.name());
    thread.setDaemon(true);
  }

  public void start() {
    thread.start();
  }

  /** Waits until the records there were when reading started are read (or the topic was found missing). */
  public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
    return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@code reading}, or what the feed waits for or retries after. */
  public String status() {
    return status;
  }

  /** A service's {@code /health} status as far as this feed goes: UP while it reads, DEGRADED while it waits or retries. */
  public String health() {
    return status.equals(READING) ? "UP" : "DEGRADED";
  }

  /** Completes with the cause if the feed cannot go on at all; never while it can retry. */
  public CompletionStage<Throwable> failure() {
    return failure;
  }

  /** The wait before the next attempt after {@code failures} failures in a row: doubling, at most {@link #MAX_BACKOFF}. */
  public static Duration backoff(int failures) {
    long ms = FIRST_BACKOFF.toMillis() << Math.min(Math.max(failures - 1, 0), 10);
    return Duration.ofMillis(Math.min(ms, MAX_BACKOFF.toMillis()));
  }

  private void run() {
    int failures = 0;
    while (!stopped) {
      try {
        List<TopicPartition> partitions = awaitPartitions();
        if (partitions.isEmpty()) {
          return;
        }
        consumer.assign(partitions);
        seek.accept(consumer, partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        if (failures > 0) {
          log.info("reading {} again after {} failed attempt(s)", topic, failures);
        }
        failures = 0;
        status = READING;
        follow(ends);
      } catch (WakeupException e) {
        return; // closing
      } catch (AuthorizationException | AuthenticationException | InvalidTopicException e) {
        status = "stopped: " + e;
        log.error("cannot read {} at all; stopping so that the service is started again", topic, e);
        failure.complete(new IllegalStateException("cannot read " + topic + ": " + e, e));
        return;
      } catch (Error e) {
        // a JVM in trouble (a class that cannot load, memory): retrying here would only hide it
        status = "stopped: " + e;
        log.error("reading {} died; stopping so that the service is started again", topic, e);
        failure.complete(new IllegalStateException("reading " + topic + " died: " + e, e));
        return;
      } catch (RuntimeException e) {
        failures++;
        Duration backoff = backoff(failures);
        status = "retrying after " + failures + " failed attempt(s): " + e;
        log.warn("reading {} failed (attempt {}); retrying in {} ms: {}", topic, failures, backoff.toMillis(), e.toString());
        pause(backoff);
      }
    }
  }

  private void follow(Map<TopicPartition, Long> ends) {
    while (!stopped) {
      for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(100))) {
        if (record.value() != null) {
          values.accept(record.value());
        }
      }
      if (caughtUp.getCount() > 0 && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
        caughtUp.countDown();
      }
    }
  }

  /** The topic's partitions; waits for the topic to exist (its writer may start later). */
  private List<TopicPartition> awaitPartitions() {
    boolean said = false;
    while (!stopped) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
      if (infos != null && !infos.isEmpty()) {
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      caughtUp.countDown(); // nothing to catch up with yet
      status = "waiting for topic " + topic;
      if (!said) {
        log.info("{} does not exist yet; waiting for it", topic);
        said = true;
      }
      pause(FIRST_BACKOFF);
    }
    return List.of();
  }

  private void pause(Duration duration) {
    synchronized (pause) {
      try {
        if (!stopped) {
          pause.wait(duration.toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    synchronized (pause) {
      pause.notifyAll();
    }
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(2));
  }
}
