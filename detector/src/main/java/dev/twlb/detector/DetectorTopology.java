package dev.twlb.detector;

import dev.twlb.schemas.FaultConfirmation;
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
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The detector as a pure function of its model: every window of the input (the labeler's early windows by default) is
 * scored from its features and its verdict, held steady ({@link SteadyVerdicts}), goes to {@code fault-detections}
 * under the same key (the node). Beside it,
 * for {@code /metrics} only: the labeled copies of the same windows are scored again for live accuracy, and the nodes'
 * confirmations give the onsets the verdicts' latency is measured from. Stateless, so exactly-once comes from Kafka
 * Streams' transactions alone.
 */
public final class DetectorTopology {
  private DetectorTopology() {}

  public static Topology build(DetectorConfig config, DetectorModel model, Map<String, ?> serdeConfig,
      DetectorMetrics metrics, Clock clock) {
    Topic<FaultDetection> output = Topics.FAULT_DETECTIONS.renamed(config.outputTopic());
    StreamsBuilder builder = new StreamsBuilder();
    SteadyVerdicts steady = new SteadyVerdicts(config.steadyWindows());
    windows(builder, Topics.LABELED_METRICS.renamed(config.inputTopic()), config, serdeConfig, "")
        .mapValues(window -> metrics.detected(steady.steady(metrics.checked(model.detect(window, clock.instant())))),
            Named.as("detect"))
        .to(output.name(), Produced.with(Serdes.String(), output.valueSerde(serdeConfig)).withName("write-detections"));
    if (!config.checkTopic().isEmpty()) {
      windows(builder, Topics.LABELED_METRICS.renamed(config.checkTopic()), config, serdeConfig, "labeled-")
          .foreach((node, window) -> metrics.checked(model.detect(window, clock.instant())), Named.as("check-labeled"));
    }
    if (!config.confirmationsTopic().isEmpty()) {
      Topic<FaultConfirmation> confirmations = Topics.FAULT_CONFIRMATIONS.renamed(config.confirmationsTopic());
      builder.stream(confirmations.name(), Consumed.with(Serdes.String(), confirmations.valueSerde(serdeConfig))
              .withName("read-confirmations"))
          .foreach((node, c) -> metrics.confirmed(c), Named.as("record-onsets"));
    }
    return builder.build();
  }

  /** The windows of {@code topic} that start at or after the first instant scored ({@code score.from.ms}). */
  private static KStream<String, LabeledWindow> windows(StreamsBuilder builder, Topic<LabeledWindow> topic,
      DetectorConfig config, Map<String, ?> serdeConfig, String prefix) {
    return builder.stream(topic.name(), Consumed.with(Serdes.String(), topic.valueSerde(serdeConfig)).withName("read-" + prefix + "windows"))
        .filter((node, window) -> window != null && window.getWindowStart().toEpochMilli() >= config.scoreFromMs(),
            Named.as(prefix + "windows-to-score"));
  }
}
