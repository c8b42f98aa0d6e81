package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectorTopologyTest {
  private static final Instant NOW = Instant.parse("2026-01-01T01:00:00Z");
  private static DetectorModel model;
  private static Path modelFile;

  @BeforeAll
  static void trainOnce(@TempDir Path tmp) throws Exception {
    SyntheticWindows.writeParquet(tmp.resolve("data"), SyntheticWindows.epochs("run-a", 6, 1));
    modelFile = new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(tmp.resolve("data").toString()),
        TrainConfig.OUT_DIR, tmp.resolve("model").toString(), TrainConfig.FOLDS, 3,
        TrainConfig.COSTS, List.of("10"), TrainConfig.GAMMAS, List.of("0.05"))), new PrintStream(new ByteArrayOutputStream()))
        .run().model();
    model = DetectorModel.load(modelFile);
  }

  private final Map<String, Object> serdes = Map.of("schema.registry.url", "mock://detector-" + UUID.randomUUID());

  private TopologyTestDriver driver(DetectorConfig config, DetectorMetrics metrics) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "detector-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    return new TopologyTestDriver(DetectorTopology.build(config, model, serdes, metrics, Clock.fixed(NOW, ZoneOffset.UTC)), props);
  }

  private <V extends org.apache.avro.specific.SpecificRecord> TestInputTopic<String, V> input(TopologyTestDriver driver,
      dev.twlb.schemas.Topic<V> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde(serdes).serializer());
  }

  @Test
  void earlyWindowsAreJudgedAndTheirLabeledCopiesAndTheConfirmationsMeasureTheVerdicts() {
    DetectorConfig config = new DetectorConfig(Map.of(DetectorConfig.MODEL_FILE, modelFile.toString(), DetectorConfig.STEADY_WINDOWS, 1));
    DetectorMetrics metrics = new DetectorMetrics(100, 0);
    try (TopologyTestDriver driver = driver(config, metrics)) {
      TestInputTopic<String, LabeledWindow> early = input(driver, Topics.EARLY_WINDOWS);
      TestInputTopic<String, LabeledWindow> labeled = input(driver, Topics.LABELED_EARLY_WINDOWS);
      TestInputTopic<String, dev.twlb.schemas.FaultConfirmation> confirmations = input(driver, Topics.FAULT_CONFIRMATIONS);
      TestOutputTopic<String, FaultDetection> out = driver.createOutputTopic(Topics.FAULT_DETECTIONS.name(),
          new StringDeserializer(), Topics.FAULT_DETECTIONS.valueSerde(serdes).deserializer());
      long onset = NOW.minusSeconds(60).toEpochMilli();
      confirmations.pipeInput("node-1", OnsetLatencyTest.confirmation("node-1", 4, "crash", onset));
      LabeledWindow window = SyntheticWindows.window("node-1", "crash", onset - 1_000, new Random(5)).build();
      LabeledWindow unlabeled = LabeledWindow.newBuilder(window).setFaultType("unknown").setRunId(null).setEpochId(null).build();
      early.pipeInput("node-1", unlabeled);
      labeled.pipeInput("node-1", window);

      FaultDetection verdict = out.readValue();
      assertThat(verdict.getPredictedFault()).isEqualTo("crash");
      assertThat(verdict.getTrueFault()).as("the early window is not labeled yet").isEqualTo("unknown");
      assertThat(out.isEmpty()).as("the labeled copy is only scored for /metrics").isTrue();
      assertThat(metrics.live()[2]).as("one clean labeled window scored").isEqualTo(1);
      OnsetLatency.Summary onsets = metrics.onsetsAtEnd();
      assertThat(onsets.faults()).singleElement().satisfies(o -> assertThat(o.latencyMs()).isEqualTo(60_000L));
    }
  }

  @Test
  void everyWindowFromTheStartPointGetsOneVerdictUnderItsNodesKey() {
    long from = Instant.parse("2026-01-01T00:00:30Z").toEpochMilli();
    DetectorConfig config = new DetectorConfig(Map.of(DetectorConfig.MODEL_FILE, modelFile.toString(),
        DetectorConfig.SCORE_FROM_MS, from, DetectorConfig.INPUT_TOPIC, Topics.LABELED_METRICS.name(), DetectorConfig.CHECK_TOPIC, "",
        DetectorConfig.STEADY_WINDOWS, 1));
    DetectorMetrics metrics = new DetectorMetrics(100, 0);
    try (TopologyTestDriver driver = driver(config, metrics)) {
      TestInputTopic<String, LabeledWindow> in = input(driver, Topics.LABELED_METRICS);
      TestOutputTopic<String, FaultDetection> out = driver.createOutputTopic(Topics.FAULT_DETECTIONS.name(),
          new StringDeserializer(), Topics.FAULT_DETECTIONS.valueSerde(serdes).deserializer());
      Random random = new Random(4);
      List<LabeledWindow> windows = List.of(
          SyntheticWindows.window("node-1", "crash", from - 5_000, random).build(),  // before the start: not scored
          SyntheticWindows.window("node-1", "crash", from, random).setIsTransition(true).build(),
          SyntheticWindows.window("node-2", "delay", from, random).setRunId("run-b").setEpochId(3L).build());
      windows.forEach(w -> in.pipeInput(w.getNodeId(), w));

      List<TestRecord<String, FaultDetection>> verdicts = out.readRecordsToList();
      assertThat(verdicts).extracting(TestRecord::key).containsExactly("node-1", "node-2");
      FaultDetection delay = verdicts.get(1).value();
      assertThat(delay.getPredictedFault()).isEqualTo("delay");
      assertThat(delay.getTrueFault()).isEqualTo("delay");
      assertThat(delay.getRunId()).isEqualTo("run-b");
      assertThat(delay.getEpochId()).isEqualTo(3L);
      assertThat(delay.getDetectedAt()).isEqualTo(NOW);
      assertThat(delay.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(from + 5_000));
      assertThat(delay.getModelId()).isEqualTo(model.id());
      assertThat(metrics.detections()).isEqualTo(2);
      assertThat(metrics.live()[2]).as("the transition window has no clean truth to count").isEqualTo(1);
    }
  }
}
