package dev.twlb.detector;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.tribuo.Model;
import org.tribuo.classification.Label;

/**
 * {@code twlb train}: reads the dataset, scores the SVM on held-out epochs (grouped k-fold by run
 * and epoch, C and gamma chosen inside each fold's training epochs), does the same with the
 * prototype's four columns as a baseline, then trains the final model on every clean row and
 * writes it with {@code report.json} and the confusion matrix as a picture.
 */
public final class Training {
  /** What one feature set scored on held-out epochs, and the settings each outer fold chose. */
  public record Evaluation(Features features, Scores scores, List<GridSearch.Choice> choices) {}

  /** Everything a training run produced; {@code prototype} is null when the baseline was not scored. */
  public record Result(DatasetReader.Dataset data, Evaluation all, Evaluation prototype, Svm.Params finalParams,
      Path model, Path report, Path picture) {}

  private final TrainConfig config;
  private final PrintStream out;

  public Training(TrainConfig config, PrintStream out) {
    this.config = config;
    this.out = out;
  }

  public Result run() throws IOException {
    DatasetReader.Dataset read = DatasetReader.read(config.dataDirs(), config.windowsBeforeMs(), config.minPurity());
    List<Row> rows = Row.spaced(read.rows(), config.spacingMs());
    DatasetReader.Dataset data = new DatasetReader.Dataset(rows, read.files(), read.transitions(), read.unknown());
    out.println(summary(data, read.rows().size() - rows.size()));
    if (Row.clean(rows).isEmpty()) {
      throw new IllegalArgumentException("no clean labeled windows under " + config.dataDirs()
          + " (is it a twlb data directory with Parquet files?)");
    }
    Files.createDirectories(config.outDir());
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      GridSearch grid = new GridSearch(config.costs(), config.gammas(), config.innerFolds(), config.seed(), pool);
      EpochFolds folds = new EpochFolds(rows, config.folds(), config.seed());
      Evaluation all = evaluate(folds, Features.ALL, grid);
      Evaluation prototype = config.baseline() ? evaluate(folds, Features.PROTOTYPE, grid) : null;
      out.printf("final model: choosing C and gamma on all %d epochs%n", EpochFolds.epochsOf(rows).size());
      GridSearch.Choice choice = grid.choose(rows, Features.ALL);
      Model<Label> model = Svm.train(rows, Features.ALL, choice.params(), config.seed());
      Path modelFile = config.outDir().resolve(config.modelName());
      Path tmp = modelFile.resolveSibling("." + modelFile.getFileName() + ".tmp");
      model.serializeToFile(tmp);
      Files.move(tmp, modelFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Path picture = ConfusionChart.write(all.scores(), config.outDir().resolve("confusion.png"),
          "Held-out epochs, all features: macro-F1 " + String.format("%.3f", all.scores().macroF1()));
      Result result = new Result(data, all, prototype, choice.params(), modelFile, config.outDir().resolve("report.json"), picture);
      TrainReport.write(result, config);
      out.println(TrainReport.summary(result));
      out.printf("model: %s%nreport: %s%nconfusion matrix: %s%n", modelFile, result.report(), picture);
      return result;
    } finally {
      pool.shutdownNow();
    }
  }

  /** What was read, and what of it is learned from and scored, in one line. */
  private String summary(DatasetReader.Dataset data, long spacedOut) {
    StringBuilder s = new StringBuilder(String.format("read %d files: %d clean windows from %d epochs", data.files(),
        data.rows().size() - data.cut(), EpochFolds.epochsOf(data.rows()).size()));
    if (data.noHit() > 0) {
      s.append(String.format(" (%d of a fault that hits at random, with no hit: scored, not trained on)", data.noHit()));
    }
    if (data.cut() > 0) {
      s.append(String.format(", and %d an assignment change cuts, label purity %.2f or more, trained on", data.cut(),
          config.minPurity()));
    }
    s.append(String.format(" (left out: %d transitions, %d unlabeled", data.transitions(), data.unknown()));
    if (spacedOut > 0) {
      s.append(String.format(", %d within %d ms of the node's window before", spacedOut, config.spacingMs()));
    }
    return s.append(')').toString();
  }

  private Evaluation evaluate(EpochFolds folds, Features set, GridSearch grid) {
    List<String> truth = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    List<GridSearch.Choice> choices = new ArrayList<>();
    for (int f = 0; f < folds.size(); f++) {
      List<Row> train = folds.train(f);
      GridSearch.Choice choice = grid.choose(train, set);
      List<Row> test = Row.clean(folds.test(f));
      List<String> foldTruth = test.stream().map(Row::label).toList();
      List<String> foldPredicted = Svm.predictLabels(Svm.train(train, set, choice.params(), config.seed()), set, test);
      truth.addAll(foldTruth);
      predicted.addAll(foldPredicted);
      choices.add(choice);
      out.printf("%s features, fold %d/%d: %d epochs held out, %s chosen on the other %d (grid of %d), held-out macro-F1 %.3f%n",
          set.name().toLowerCase(), f + 1, folds.size(), EpochFolds.epochsOf(folds.test(f)).size(), choice.params(),
          EpochFolds.epochsOf(train).size(), grid.size(), new Scores(foldTruth, foldPredicted).macroF1());
    }
    return new Evaluation(set, new Scores(truth, predicted), choices);
  }
}
