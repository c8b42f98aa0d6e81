package dev.twlb.schemas.kafka;

import dev.twlb.schemas.Topic;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records of one topic from a serving thread without ever blocking it: records are handed
 * to a sending thread through a bounded queue, so a slow or absent broker delays records, and only
 * a full queue loses them (counted and logged), never a request. Keys are the node id.
 */
public final class TopicPublisher<V extends SpecificRecord> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicPublisher.class);
  private static final int QUEUE = 100_000;

  private final Topic<V> topic;
  private final Function<V, String> key;
  private final KafkaProducer<String, V> producer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final ThreadPoolExecutor sender;
  private final Duration stallLimit;
  private final CompletableFuture<Throwable> stalled = new CompletableFuture<>();
  private final AtomicLong failingSince = new AtomicLong(); // nanoTime of the first failure after the last success; 0: none

  /** How long publishing may fail without a single success before the publisher counts as stalled. */
  public static final Duration DEFAULT_STALL_LIMIT = Duration.ofMinutes(2);

  public TopicPublisher(Topic<V> topic, Function<V, String> key, Map<String, ?> clientProps) {
    this(topic, key, clientProps, DEFAULT_STALL_LIMIT);
  }

  /**
   * @param stallLimit how long every record may fail (the broker or registry gone, a topic that cannot be written)
   *     before {@link #stalled()} completes; the producer itself gives a record up after {@code delivery.timeout.ms}
   */
  public TopicPublisher(Topic<V> topic, Function<V, String> key, Map<String, ?> clientProps, Duration stallLimit) {
    this.stallLimit = stallLimit;
    this.topic = topic;
    this.key = key;
    this.producer = KafkaClients.producer(topic, clientProps);
    this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
        runnable -> {
          Thread thread = new Thread(runnable, "publish-" + topic.name());
          thread.setDaemon(true);
          return thread;
        });
  }

  public void publish(V record) {
    try {
      sender.execute(() -> send(record));
    } catch (RejectedExecutionException e) {
      onFailure(new IllegalStateException("more than " + QUEUE + " records wait for the broker", e));
    }
  }

  /**
   * Publishes {@code record} ahead of those queued and waits, at most {@code timeout}, until the broker has it: the
   * last word of a process about to die. Returns whether the broker acknowledged it in time.
   */
  public boolean publishAndWait(V record, Duration timeout) {
    try {
      producer.send(producerRecord(record)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      onSuccess();
      return true;
    } catch (ExecutionException e) {
      onFailure(e.getCause() instanceof Exception cause ? cause : e);
    } catch (TimeoutException | RuntimeException e) {
      onFailure(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return false;
  }

  private void send(V record) {
    try {
      producer.send(producerRecord(record), (meta, error) -> {
        if (error == null) {
          onSuccess();
        } else {
          onFailure(error);
        }
      });
    } catch (RuntimeException e) {
      onFailure(e);
    }
  }

  private ProducerRecord<String, V> producerRecord(V record) {
    return new ProducerRecord<>(topic.name(), key.apply(record), record);
  }

  private void onSuccess() {
    sent.incrementAndGet();
    failingSince.set(0);
  }

  /** Records the broker acknowledged. */
  public long sent() {
    return sent.get();
  }

  /** Records lost because the broker could not take them. */
  public long failed() {
    return failed.get();
  }

  /**
   * Completes with the last error once publishing has failed for longer than the stall limit without a single
   * success: the records are being lost, and the service that publishes them cannot do its work.
   */
  public CompletionStage<Throwable> stalled() {
    return stalled;
  }

  private void onFailure(Exception error) {
    if (failed.getAndIncrement() % 1000 == 0) {
      log.warn("could not publish to {} ({} lost so far): {}", topic.name(), failed.get(), error.toString());
    }
    long now = System.nanoTime();
    long failingFor = now - failingSince.updateAndGet(since -> since == 0 ? now : since);
    if (failingFor > stallLimit.toNanos()) {
      stalled.complete(new IllegalStateException("nothing reached " + topic.name() + " for " + Duration.ofNanos(failingFor).toSeconds()
          + " s (" + failed.get() + " records lost); last error: " + error, error));
    }
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      sender.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
