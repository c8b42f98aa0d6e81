package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationTest {
  @TempDir
  Path tmp;

  private Path modelTrainedOnRunA() throws Exception {
    SyntheticWindows.writeParquet(tmp.resolve("run-a"), SyntheticWindows.epochs("run-a", 4, 1));
    return new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(tmp.resolve("run-a").toString()),
        TrainConfig.OUT_DIR, tmp.resolve("model").toString(), TrainConfig.FOLDS, 2, TrainConfig.INNER_FOLDS, 2,
        TrainConfig.COSTS, List.of("10"), TrainConfig.GAMMAS, List.of("0.05"))), new PrintStream(new ByteArrayOutputStream()))
        .run().model();
  }

  @Test
  void scoresEveryCleanWindowOfAnotherRunAndWritesTheReportAndPicture() throws Exception {
    Path model = modelTrainedOnRunA();
    SyntheticWindows.writeParquet(tmp.resolve("run-b"), SyntheticWindows.epochs("run-b", 3, 7));
    ByteArrayOutputStream console = new ByteArrayOutputStream();

    ModelEvaluation.Result result = ModelEvaluation.run(new EvaluateConfig(Map.of(EvaluateConfig.MODEL_FILE, model.toString(),
        EvaluateConfig.DATA_DIRS, List.of(tmp.resolve("run-b").toString()), EvaluateConfig.OUT_DIR, tmp.resolve("eval").toString())),
        new PrintStream(console, true, StandardCharsets.UTF_8));

    assertThat(result.data().rows()).hasSize(3 * 4 * 6);
    assertThat(result.scores().macroF1()).as(console.toString()).isGreaterThanOrEqualTo(0.95);
    assertThat(console.toString()).contains("macro-F1", "every clean window");
    JsonNode report = new ObjectMapper().readTree(result.report().toFile());
    assertThat(report.at("/data/dirs/0").asText()).endsWith("run-b");
    assertThat(report.at("/all_features/macro_f1").asDouble()).isEqualTo(result.scores().macroF1());
    assertThat(report.at("/model/id").asText()).startsWith("model.tribuo@");
    assertThat(Files.size(result.picture())).isPositive();
  }

  @Test
  void aFileThatIsNotAModelIsAClearError() throws Exception {
    Path notAModel = Files.writeString(tmp.resolve("notes.txt"), "hello");
    SyntheticWindows.writeParquet(tmp.resolve("run-b"), SyntheticWindows.epochs("run-b", 1, 7));
    assertThatThrownBy(() -> ModelEvaluation.run(new EvaluateConfig(Map.of(EvaluateConfig.MODEL_FILE, notAModel.toString(),
        EvaluateConfig.DATA_DIRS, List.of(tmp.resolve("run-b").toString()))), new PrintStream(new ByteArrayOutputStream())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a model written by twlb train");
  }
}
