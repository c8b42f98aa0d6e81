package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Bytes that are not the Confluent wire format fail with an error that says so, at their offset. */
@ExtendWith(KafkaExtension.class)
class GarbageBytesIT {

  @Test
  void garbageBytesGiveAClearErrorAndTheNextGoodRecordStillReads(KafkaFixture kafka) {
    Topic<NodeReport> topic = Topics.NODE_REPORTS.renamed(KafkaFixture.unique("garbage"));
    kafka.createTopics(1, topic.name());
    try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>(topic.name(), "node-1", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8)));
      raw.flush();
    }
    NodeReport good = NodeReport.newBuilder().setRequestId("r").setNodeId("node-1").setTsMs(Instant.EPOCH)
        .setReportedLatencyMs(1.0).setStatusCode(200).build();
    TopicIO.produce(kafka, topic, List.of(good));

    try (KafkaConsumer<String, NodeReport> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "group.id", KafkaFixture.unique("g"),
        "auto.offset.reset", "earliest"), new StringDeserializer(), topic.valueSerde(kafka.serdeConfig()).deserializer())) {
      TopicPartition partition = new TopicPartition(topic.name(), 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));

      assertThatThrownBy(() -> pollUntilError(consumer))
          .isInstanceOfSatisfying(RecordDeserializationException.class, e -> assertThat(e.offset()).isZero())
          .cause()
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining(topic.name())
          .hasMessageContaining("0x7b")
          .hasMessageContaining("not the magic byte 0x00 of the Confluent wire format");

      consumer.seek(partition, 1);
      ConsumerRecords<String, NodeReport> next = consumer.poll(Duration.ofSeconds(10));
      assertThat(next.records(partition)).extracting(r -> r.value()).containsExactly(good);
    }
  }

  private static void pollUntilError(KafkaConsumer<String, NodeReport> consumer) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200));
    }
  }
}
