package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.detector.SyntheticWindows;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code twlb train}, {@code twlb evaluate} and {@code twlb detect} lines, run as written from a directory that
 * holds a {@code data/} dataset ({@code detect} is pointed at the test broker, the one thing a
 * user's machine has at its defaults and this one does not). The {@code run} line is RunIT's.
 */
@ExtendWith(KafkaExtension.class)
class ReadmeDetectionIT {
  private static final String SECTION = "## Detecting faults";

  @TempDir
  Path dir;

  @Test
  void theReadmesTrainAndDetectLinesWorkAsWritten(KafkaFixture kafka) throws Exception {
    SyntheticWindows.writeParquet(dir.resolve("data/early"), SyntheticWindows.epochs("run-readme", 6, 1));
    try (TwlbProcess train = TwlbProcess.readme(dir, ReadmeCommands.command(SECTION, "train"))) {
      assertThat(train.waitForExit(Duration.ofMinutes(3))).as(String.join("\n", train.output())).isZero();
      assertThat(train.output()).anyMatch(l -> l.startsWith("macro-F1"));
    }
    assertThat(dir.resolve("detector/model.tribuo")).isRegularFile();
    assertThat(dir.resolve("detector/report.json")).isRegularFile();
    assertThat(Files.size(dir.resolve("detector/confusion.png"))).isPositive();
    SyntheticWindows.writeParquet(dir.resolve("other-run/early"), SyntheticWindows.epochs("run-readme-other", 2, 5));
    try (TwlbProcess evaluate = TwlbProcess.readme(dir, ReadmeCommands.command(SECTION, "evaluate"))) {
      assertThat(evaluate.waitForExit(Duration.ofMinutes(3))).as(String.join("\n", evaluate.output())).isZero();
      assertThat(evaluate.output()).anyMatch(l -> l.startsWith("macro-F1"));
    }
    assertThat(dir.resolve("evaluation/report.json")).isRegularFile();

    // windows of nodes no other test uses, on the default topic the README's line reads
    String node = "readme-" + UUID.randomUUID().toString().substring(0, 8);
    List<LabeledWindow> windows = SyntheticWindows.epochs("run-readme-live", 1, 9).stream()
        .map(w -> LabeledWindow.newBuilder(w).setNodeId(node + "-" + w.getNodeId()).build()).toList();
    kafka.createTopics(3, Topics.EARLY_WINDOWS.name(), Topics.LABELED_EARLY_WINDOWS.name(), Topics.FAULT_CONFIRMATIONS.name(),
        Topics.FAULT_DETECTIONS.name());
    TopicIO.produce(kafka, Topics.EARLY_WINDOWS, windows);

    List<String> detect = new ArrayList<>(ReadmeCommands.command(SECTION, "detect"));
    detect.addAll(List.of("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", kafka.registryUrl(),
        "--port", "0", "--application-id", "readme-" + node));
    List<FaultDetection> mine = new ArrayList<>();
    try (TwlbProcess detector = TwlbProcess.readme(dir, detect);
         KafkaConsumer<String, FaultDetection> consumer = KafkaClients.consumer(Topics.FAULT_DETECTIONS, Map.of(
             "bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", kafka.registryUrl(),
             "group.id", KafkaFixture.unique("readme"), "auto.offset.reset", "earliest"))) {
      detector.awaitLine("detector running with model model.tribuo@", Duration.ofMinutes(2));
      consumer.subscribe(List.of(Topics.FAULT_DETECTIONS.name()));
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> {
          if (r.value().getNodeId().startsWith(node)) {
            mine.add(r.value());
          }
        });
        return mine.size() >= windows.size();
      });
      assertThat(detector.stop(Duration.ofSeconds(60))).isIn(0, 143);
    }
    assertThat(mine).hasSize(windows.size());
    // each window's own verdict by default (--steady-windows 1); a verdict held by a steady rule would have score 0
    List<FaultDetection> own = mine.stream().filter(d -> d.getScore() > 0).toList();
    assertThat(own).allSatisfy(d -> assertThat(d.getPredictedFault()).isEqualTo(d.getTrueFault()));
    assertThat(own.size()).isGreaterThanOrEqualTo(mine.size() / 2);
  }
}
