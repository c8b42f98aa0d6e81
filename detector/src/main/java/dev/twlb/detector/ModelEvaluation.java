package dev.twlb.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code twlb evaluate}: a trained model scored on other data (another run, seed or setting), every clean window of
 * it, with the same report and confusion picture as {@code twlb train}.
 */
public final class ModelEvaluation {
  static final String SPLIT = "none inside the data: every clean window of it, scored by a model trained on other data";

  /** What the model scored on the data, and where the report and picture went. */
  public record Result(DatasetReader.Dataset data, Scores scores, Path report, Path picture) {}

  private ModelEvaluation() {}

  public static Result run(EvaluateConfig config, PrintStream out) throws IOException {
    DetectorModel model = DetectorModel.load(config.modelFile());
    DatasetReader.Dataset data = DatasetReader.read(config.dataDirs(), Long.MAX_VALUE);
    List<Row> rows = data.rows().stream().filter(r -> r.windowStart() >= config.windowsFromMs()).toList();
    out.printf("read %d files: %d clean windows from %d epochs (left out: %d transitions, %d unlabeled)%n",
        data.files(), rows.size(), EpochFolds.epochsOf(rows).size(), data.transitions(), data.unknown());
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no clean labeled windows under " + config.dataDirs()
          + " (is it a twlb data directory with Parquet files?)");
    }
    Scores scores = new Scores(rows.stream().map(Row::label).toList(), model.predict(rows));
    Files.createDirectories(config.outDir());
    Path picture = ConfusionChart.write(scores, config.outDir().resolve("confusion.png"),
        model.id() + " on other data: macro-F1 " + String.format("%.3f", scores.macroF1()));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("created", Instant.now().toString());
    report.put("model", Map.of("file", config.modelFile().toString(), "id", model.id()));
    report.put("data", TrainReport.data(new DatasetReader.Dataset(rows, data.files(), data.transitions(), data.unknown()),
        config.dataDirs()));
    report.put("split", Map.of("kind", SPLIT));
    report.put("all_features", TrainReport.scores(scores));
    Path reportFile = config.outDir().resolve("report.json");
    OutputFiles.write(reportFile, o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, report));
    out.print(table(scores));
    out.printf("report: %s%nconfusion matrix: %s%n", reportFile, picture);
    return new Result(new DatasetReader.Dataset(rows, data.files(), data.transitions(), data.unknown()), scores, reportFile, picture);
  }

  static String table(Scores scores) {
    StringBuilder s = new StringBuilder("scored on every clean window of the data (" + SPLIT + "):\n");
    s.append(String.format("%-20s %9s %9s %9s %9s%n", "class", "precision", "recall", "F1", "windows"));
    for (Scores.ClassScore c : scores.perClass()) {
      s.append(String.format("%-20s %9.3f %9.3f %9.3f %9d%n", c.label(), c.precision(), c.recall(), c.f1(), c.support()));
    }
    s.append(String.format("%-20s %29.3f%n", "macro-F1", scores.macroF1()));
    return s.toString();
  }
}
