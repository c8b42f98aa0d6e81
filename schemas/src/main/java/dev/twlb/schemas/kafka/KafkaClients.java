package dev.twlb.schemas.kafka;

import dev.twlb.schemas.Topic;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Producers and consumers of the data-flow topics: node-id keys as strings, Avro values in the
 * Confluent wire format. {@code props} holds {@code bootstrap.servers}, {@code schema.registry.url}
 * and any extra client settings (TLS, SASL).
 */
public final class KafkaClients {
  private KafkaClients() {}

  public static <V extends SpecificRecord> KafkaProducer<String, V> producer(Topic<V> topic, Map<String, ?> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(config, new StringSerializer(), topic.valueSerde(props).serializer());
  }

  public static <V extends SpecificRecord> KafkaConsumer<String, V> consumer(Topic<V> topic, Map<String, ?> props) {
    Map<String, Object> config = new HashMap<>(props);
    config.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    return new KafkaConsumer<>(config, new StringDeserializer(), topic.valueSerde(props).deserializer());
  }
}
