package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Train on generated files, run the detector on a real broker, read its verdicts as any consumer would. */
@ExtendWith(KafkaExtension.class)
class DetectorIT {
  @TempDir
  Path tmp;

  @Test
  void scoresEveryLabeledWindowOnceAndGetsClearlySeparableOnesRight(KafkaFixture kafka) throws Exception {
    SyntheticWindows.writeParquet(tmp.resolve("data"), SyntheticWindows.epochs("run-train", 6, 1));
    Training.Result trained = new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(tmp.resolve("data").toString()),
        TrainConfig.OUT_DIR, tmp.resolve("model").toString(), TrainConfig.FOLDS, 3,
        TrainConfig.COSTS, List.of("10"), TrainConfig.GAMMAS, List.of("0.05"))), new PrintStream(new ByteArrayOutputStream())).run();

    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Topic<LabeledWindow> input = Topics.LABELED_METRICS.renamed("lm-" + suffix);
    Topic<FaultDetection> output = Topics.FAULT_DETECTIONS.renamed("fd-" + suffix);
    String confirmations = "fc-" + suffix;
    kafka.createTopics(3, input.name(), output.name(), confirmations);
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    List<LabeledWindow> live = SyntheticWindows.epochs("run-live", 2, 77); // other noise, other run: never seen
    TopicIO.produce(kafka, input, live);

    DetectorConfig config = new DetectorConfig(Map.of(DetectorConfig.MODEL_FILE, trained.model().toString(),
        DetectorConfig.APPLICATION_ID, "detector-it-" + suffix, DetectorConfig.INPUT_TOPIC, input.name(),
        DetectorConfig.OUTPUT_TOPIC, output.name(), DetectorConfig.PORT, 0, DetectorConfig.CHECK_TOPIC, "",
        DetectorConfig.CONFIRMATIONS_TOPIC, confirmations, DetectorConfig.STEADY_WINDOWS, 1));
    List<FaultDetection> verdicts = new CopyOnWriteArrayList<>();
    try (DetectorService detector = DetectorService.start(config, props);
         KafkaConsumer<String, FaultDetection> consumer = KafkaClients.consumer(output, Map.of(
             "bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", kafka.registryUrl(),
             "group.id", KafkaFixture.unique("reader"), "auto.offset.reset", "earliest"))) {
      consumer.subscribe(List.of(output.name()));
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> verdicts.add(r.value()));
        return verdicts.size() >= live.size();
      });
      // nothing beyond one verdict per window arrives (read_committed: aborted attempts are invisible)
      await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> verdicts.add(r.value()));
        return verdicts.size() == live.size();
      });

      String metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + detector.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("detector_live_macro_f1", "detector_delay_seconds", "detector_detections_total{predicted_fault=\"crash\"");
      assertThat(detector.metrics().live()[1]).isEqualTo(1.0);
      assertThat(detector.metrics().live()[2]).isEqualTo(live.size());
    }

    assertThat(verdicts).extracting(v -> v.getNodeId() + "@" + v.getWindowStart()).doesNotHaveDuplicates();
    assertThat(verdicts).allSatisfy(v -> {
      assertThat(v.getPredictedFault()).isEqualTo(v.getTrueFault());
      assertThat(v.getModelId()).startsWith("model.tribuo@");
      assertThat(v.getRunId()).isEqualTo("run-live");
      assertThat(v.getIsTransition()).isFalse();
      assertThat(v.getScore()).isBetween(0.0, 1.0);
      assertThat(v.getDetectedAt()).isAfter(v.getWindowEnd());
    });
    assertThat(verdicts).extracting(FaultDetection::getPredictedFault).containsAll(SyntheticWindows.CLASSES);
  }
}
