package dev.twlb.detector;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The detector as a pure function of its model: every labeled window is scored from its features
 * and its verdict goes to {@code fault-detections} under the same key (the node). Stateless, so
 * exactly-once comes from Kafka Streams' transactions alone.
 */
public final class DetectorTopology {
  private DetectorTopology() {}

  public static Topology build(DetectorConfig config, DetectorModel model, Map<String, ?> serdeConfig,
      DetectorMetrics metrics, Clock clock) {
    Topic<LabeledWindow> input = Topics.LABELED_METRICS.renamed(config.inputTopic());
    Topic<FaultDetection> output = Topics.FAULT_DETECTIONS.renamed(config.outputTopic());
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(input.name(), Consumed.with(Serdes.String(), input.valueSerde(serdeConfig)).withName("read-windows"))
        .filter((node, window) -> window != null && window.getWindowStart().toEpochMilli() >= config.scoreFromMs(),
            Named.as("windows-to-score"))
        .mapValues(window -> metrics.detected(model.detect(window, clock.instant())), Named.as("detect"))
        .to(output.name(), Produced.with(Serdes.String(), output.valueSerde(serdeConfig)).withName("write-detections"));
    return builder.build();
  }
}
