package dev.twlb.schemas;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes records of one topic from a serving thread without ever blocking it: a slow or absent
 * broker costs records (counted and logged), never a request. Keys are the node id.
 */
public final class TopicPublisher<V extends SpecificRecord> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicPublisher.class);

  private final Topic<V> topic;
  private final Function<V, String> key;
  private final KafkaProducer<String, V> producer;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public TopicPublisher(Topic<V> topic, Function<V, String> key, Map<String, ?> clientProps) {
    this.topic = topic;
    this.key = key;
    Map<String, Object> props = new HashMap<>(clientProps);
    props.putIfAbsent("max.block.ms", 0);
    this.producer = KafkaClients.producer(topic, props);
  }

  public void publish(V record) {
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
    producer.close(Duration.ofSeconds(5));
  }
}
