package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.LabeledWindow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {
  @TempDir
  Path tmp;

  private Training.Result train(List<Path> dirs, Path out, ByteArrayOutputStream console) throws Exception {
    TrainConfig config = new TrainConfig(Map.of(TrainConfig.DATA_DIRS, dirs.stream().map(Path::toString).toList(),
        TrainConfig.OUT_DIR, out.toString(), TrainConfig.FOLDS, 3, TrainConfig.INNER_FOLDS, 2,
        TrainConfig.COSTS, List.of("1", "10"), TrainConfig.GAMMAS, List.of("0.05")));
    return new Training(config, new PrintStream(console, true, StandardCharsets.UTF_8)).run();
  }

  @Test
  void trainsOnHeldOutEpochsOfTwoRunsAndWritesModelReportAndPicture() throws Exception {
    Path runA = tmp.resolve("run-a");
    Path runB = tmp.resolve("run-b");
    List<LabeledWindow> a = new ArrayList<>(SyntheticWindows.epochs("run-a", 4, 1));
    Random random = new Random(3);
    a.add(SyntheticWindows.window("node-1", "crash", 0, random).setIsTransition(true).setLabelPurity(0.6)
        .setRunId("run-a").setEpochId(0L).build());
    a.add(SyntheticWindows.window("node-2", "benign", 0, random).setFaultType("unknown").build());
    SyntheticWindows.writeParquet(runA, a);
    SyntheticWindows.writeParquet(runB, SyntheticWindows.epochs("run-b", 3, 2));
    Path out = tmp.resolve("out");
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    Training.Result result = train(List.of(runA, runB), out, console);

    assertThat(result.data().rows()).hasSize(7 * 4 * 6);
    assertThat(result.data().transitions()).isEqualTo(1);
    assertThat(result.data().unknown()).isEqualTo(1);
    assertThat(result.all().scores().macroF1()).as(console.toString()).isGreaterThanOrEqualTo(0.95);
    assertThat(result.all().scores().perClass()).extracting(Scores.ClassScore::label)
        .containsExactlyInAnyOrderElementsOf(SyntheticWindows.CLASSES);
    assertThat(console.toString()).contains("fold 3/3", "held-out epochs", "macro-F1");

    JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertThat(report.at("/split/kind").asText()).contains("(run_id, epoch_id)");
    assertThat(report.at("/data/epochs").asInt()).isEqualTo(7);
    assertThat(report.at("/data/runs").asInt()).isEqualTo(2);
    assertThat(report.at("/all_features/macro_f1").asDouble()).isEqualTo(result.all().scores().macroF1());
    assertThat(report.at("/prototype_features/features").size()).isEqualTo(4);
    assertThat(report.at("/all_features/per_class/crash/support").asInt()).isEqualTo(7 * 6);
    byte[] png = Files.readAllBytes(out.resolve("confusion.png"));
    assertThat(png).hasSizeGreaterThan(1_000);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");

    DetectorModel model = DetectorModel.load(result.model());
    assertThat(model.id()).matches("model\\.tribuo@[0-9a-f]{12}");
    LabeledWindow mislabeled = SyntheticWindows.window("node-9", "500-error", 0, new Random(5))
        .setFaultType("benign").setRunId("run-z").setEpochId(9L).build();
    FaultDetection verdict = model.detect(mislabeled, Instant.ofEpochMilli(6_000));
    assertThat(verdict.getPredictedFault()).as("decided from the features, not the label").isEqualTo("500-error");
    assertThat(verdict.getTrueFault()).isEqualTo("benign");
    assertThat(verdict.getScore()).isBetween(0.0, 1.0);
  }

  @Test
  void windowsOnlyAnAssignmentChangeCutsAreTrainedOnButNeverScored() throws Exception {
    Path run = tmp.resolve("run-c");
    List<LabeledWindow> rows = new ArrayList<>(SyntheticWindows.epochs("run-c", 4, 1));
    Random random = new Random(4);
    rows.add(cut("node-1", 0.7, "assignment-change", random));
    rows.add(cut("node-2", 0.55, "assignment-change", random)); // its label covers too little of it
    rows.add(cut("node-3", 0.9, "fault-not-applied", random)); // something else is wrong with it
    SyntheticWindows.writeParquet(run, rows);
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    Training.Result result = train(List.of(run), tmp.resolve("out"), console);

    assertThat(result.data().cut()).isEqualTo(1);
    assertThat(result.data().transitions()).isEqualTo(2);
    assertThat(result.data().rows()).hasSize(4 * 4 * 6 + 1);
    assertThat(result.all().scores().perClass()).as("scored on the clean windows only")
        .extracting(Scores.ClassScore::support).containsOnly(4L * 6);
    assertThat(console.toString()).contains("96 clean windows from 4 epochs, and 1 an assignment change cuts");
    JsonNode report = new ObjectMapper().readTree(tmp.resolve("out/report.json").toFile());
    assertThat(report.at("/data/clean_windows").asInt()).isEqualTo(96);
    assertThat(report.at("/data/cut_windows_trained_on").asInt()).isEqualTo(1);
    assertThat(DatasetReader.read(List.of(run), Long.MAX_VALUE).transitions()).as("clean windows only").isEqualTo(3);
  }

  private static LabeledWindow cut(String node, double purity, String reason, Random random) {
    return SyntheticWindows.window(node, "crash", 0, random).setIsTransition(true).setLabelPurity(purity)
        .setTransitionReason(reason).setRunId("run-c").setEpochId(0L).build();
  }

  @Test
  void aDirectoryWithoutDataOrTooFewEpochsIsAClearError() throws Exception {
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    assertThatThrownBy(() -> train(List.of(tmp.resolve("nowhere")), tmp.resolve("o1"), console))
        .hasMessageContaining("no such data directory");
    Files.createDirectories(tmp.resolve("empty"));
    assertThatThrownBy(() -> train(List.of(tmp.resolve("empty")), tmp.resolve("o2"), console))
        .hasMessageContaining("no clean labeled windows");
    SyntheticWindows.writeParquet(tmp.resolve("small"), SyntheticWindows.epochs("run-s", 2, 1));
    assertThatThrownBy(() -> train(List.of(tmp.resolve("small")), tmp.resolve("o3"), console))
        .hasMessageContaining("needs at least 3 epochs; the data has 2");
  }
}
