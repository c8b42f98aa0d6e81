package dev.twlb.detector;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code report.json} and the summary printed at the end of {@code twlb train}. */
public final class TrainReport {
  static final String SPLIT = "grouped k-fold by (run_id, epoch_id): no epoch on both sides; never shuffled windows";

  private TrainReport() {}

  static void write(Training.Result result, TrainConfig config) throws IOException {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("created", Instant.now().toString());
    report.put("model", Map.of("file", result.model().getFileName().toString(), "kind",
        "multi-class RBF SVM (Tribuo LibSVM, one-vs-one), standardized features, balanced class weights",
        "params", Map.of("cost", result.finalParams().cost(), "gamma", result.finalParams().gamma())));
    Map<String, Object> data = data(result.data(), config.dataDirs());
    data.put("min_purity", config.minPurity());
    data.put("spacing_ms", config.spacingMs());
    report.put("data", data);
    report.put("split", Map.of("kind", SPLIT, "folds", config.folds(), "inner_folds", config.innerFolds(), "seed", config.seed()));
    report.put("grid", Map.of("costs", config.costs(), "gammas", config.gammas()));
    report.put("all_features", evaluation(result.all()));
    if (result.prototype() != null) {
      report.put("prototype_features", evaluation(result.prototype()));
    }
    OutputFiles.write(result.report(), out -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, report));
  }

  static Map<String, Object> data(DatasetReader.Dataset data, List<Path> dirs) {
    List<Row> rows = data.rows();
    Map<String, Long> byClass = new TreeMap<>();
    Row.clean(rows).forEach(r -> byClass.merge(r.label(), 1L, Long::sum));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dirs", dirs.stream().map(Path::toString).toList());
    out.put("files", data.files());
    out.put("clean_windows", rows.size() - data.cut());
    out.put("cut_windows_trained_on", data.cut());
    out.put("no_hit_windows_not_trained_on", data.noHit());
    out.put("left_out_transitions", data.transitions());
    out.put("left_out_unlabeled", data.unknown());
    out.put("runs", rows.stream().map(Row::runId).distinct().count());
    out.put("epochs", EpochFolds.epochsOf(rows).size());
    out.put("from", Instant.ofEpochMilli(rows.stream().mapToLong(Row::windowStart).min().orElse(0)).toString());
    out.put("to", Instant.ofEpochMilli(rows.stream().mapToLong(Row::windowStart).max().orElse(0)).toString());
    out.put("windows_by_class", byClass);
    return out;
  }

  private static Map<String, Object> evaluation(Training.Evaluation e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("features", List.of(e.features().names()));
    out.putAll(scores(e.scores()));
    out.put("chosen_per_fold", e.choices().stream().map(c -> Map.of("cost", c.params().cost(), "gamma", c.params().gamma(),
        "inner_macro_f1", Double.isNaN(c.innerMacroF1()) ? "-" : c.innerMacroF1())).toList());
    return out;
  }

  /** Macro-F1, accuracy, per class and the confusion matrix. */
  static Map<String, Object> scores(Scores s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("macro_f1", s.macroF1());
    out.put("accuracy", s.accuracy());
    Map<String, Object> perClass = new LinkedHashMap<>();
    for (Scores.ClassScore c : s.perClass()) {
      perClass.put(c.label(), Map.of("precision", c.precision(), "recall", c.recall(), "f1", c.f1(), "support", c.support()));
    }
    out.put("per_class", perClass);
    out.put("confusion", Map.of("labels", s.labels(), "rows_true_columns_predicted", s.confusion()));
    return out;
  }

  /** The held-out figures as a table: per class, all features beside the prototype's four. */
  public static String summary(Training.Result result) {
    Map<String, Scores.ClassScore> base = new TreeMap<>();
    if (result.prototype() != null) {
      result.prototype().scores().perClass().forEach(c -> base.put(c.label(), c));
    }
    StringBuilder s = new StringBuilder("held-out epochs (" + SPLIT + "):\n");
    s.append(String.format("%-20s %9s %9s %9s %9s   %s%n", "class", "precision", "recall", "F1", "windows", "F1, prototype's 4"));
    for (Scores.ClassScore c : result.all().scores().perClass()) {
      Scores.ClassScore b = base.get(c.label());
      s.append(String.format("%-20s %9.3f %9.3f %9.3f %9d   %s%n", c.label(), c.precision(), c.recall(), c.f1(), c.support(),
          b == null ? "-" : String.format("%.3f", b.f1())));
    }
    s.append(String.format("%-20s %29.3f %9s   %s%n", "macro-F1", result.all().scores().macroF1(), "",
        result.prototype() == null ? "-" : String.format("%.3f", result.prototype().scores().macroF1())));
    return s.toString();
  }
}
