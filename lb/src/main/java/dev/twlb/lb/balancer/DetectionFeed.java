package dev.twlb.lb.balancer;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detector's verdicts, as they arrive, handed to the strategy: every partition of the detections topic from its
 * end (older verdicts describe nodes as they were), without a consumer group, on a thread of its own.
 */
final class DetectionFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DetectionFeed.class);
  private final KafkaConsumer<String, FaultDetection> consumer;
  private final Strategy strategy;
  private final Thread thread;
  private volatile boolean closed;

  DetectionFeed(String topic, Map<String, Object> clientProps, Strategy strategy) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.remove("group.id");
    this.consumer = KafkaClients.consumer(Topics.FAULT_DETECTIONS.renamed(topic), props);
    this.strategy = strategy;
    this.thread = new Thread(() -> run(topic), "lb-detections");
    thread.setDaemon(true);
    thread.start();
  }

  private void run(String topic) {
    try {
      List<TopicPartition> partitions = List.of();
      while (!closed && partitions.isEmpty()) {
        partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      log.info("balancer takes the detector's verdicts from {} ({} partitions)", topic, partitions.size());
      while (!closed) {
        for (ConsumerRecord<String, FaultDetection> record : consumer.poll(Duration.ofSeconds(1))) {
          FaultDetection verdict = record.value();
          if (verdict != null) {
            strategy.verdict(verdict.getNodeId(), !FaultType.BENIGN.wireName().equals(verdict.getPredictedFault()),
                verdict.getScore());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      log.error("the detector's verdicts from {} stopped: {}", topic, e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
