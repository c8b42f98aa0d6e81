package dev.twlb.schemas;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
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

  public TopicPublisher(Topic<V> topic, Function<V, String> key, Map<String, ?> clientProps) {
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

  private void send(V record) {
    try {
      producer.send(new ProducerRecord<>(topic.name(), key.apply(record), record), (meta, error) -> {
        if (error == null) {
          sent.incrementAndGet();
        } else {
          onFailure(error);
        }
      });
    } catch (RuntimeException e) {
      onFailure(e);
    }
  }

  /** Records the broker acknowledged. */
  public long sent() {
    return sent.get();
  }

  /** Records lost because the broker could not take them. */
  public long failed() {
    return failed.get();
  }

  private void onFailure(Exception error) {
    if (failed.getAndIncrement() % 1000 == 0) {
      log.warn("could not publish to {} ({} lost so far): {}", topic.name(), failed.get(), error.toString());
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
