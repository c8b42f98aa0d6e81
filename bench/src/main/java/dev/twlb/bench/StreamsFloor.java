package dev.twlb.bench;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.schemas.Topic;
import dev.twlb.servicekit.StreamsRunner;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * The most any Kafka Streams labeler can reach on this box: a topology that reads and decodes the labeler's input
 * topics, run with the labeler's own settings (exactly-once, task idling, commit interval), and only counts the
 * records. The labeler's ratio to this one says what its own work costs; this one's ratio to the plain consumer,
 * what Kafka Streams costs.
 */
final class StreamsFloor {
  private StreamsFloor() {}

  /**
   * Input records per second from start until {@code expected} records were processed.
   *
   * @param props client and Streams settings, as the labeler gets them
   */
  static double recordsPerSecond(Infra infra, String applicationId, List<Topic<?>> inputs, long expected, Map<String, Object> props) throws Exception {
    AtomicLong counted = new AtomicLong();
    Topology topology = new Topology();
    for (Topic<?> topic : inputs) {
      topology.addSource(AutoOffsetReset.earliest(), "read-" + topic.name(), new StringDeserializer(),
          topic.valueSerde(props).deserializer(), topic.name());
    }
    ProcessorSupplier<String, Object, Void, Void> count = () -> (Processor<String, Object, Void, Void>) record -> counted.incrementAndGet();
    topology.addProcessor("count", count, inputs.stream().map(topic -> "read-" + topic.name()).toArray(String[]::new));

    LabelerConfig config = new LabelerConfig(Map.of(LabelerConfig.APPLICATION_ID, applicationId,
        LabelerConfig.STATE_DIR, infra.dir.resolve(applicationId).toString()));
    long started = System.nanoTime();
    try (StreamsRunner streams = StreamsRunner.start(applicationId, topology, LabelerService.streamsSettings(config, props),
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "localhost", 0)) {
      CountAwait.until(applicationId + " records (Kafka Streams alone)", counted::get, expected, () -> "", () -> { });
      return expected / ((System.nanoTime() - started) / 1e9);
    }
  }
}
