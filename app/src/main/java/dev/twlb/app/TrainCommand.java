package dev.twlb.app;

import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Trains an SVM fault detector on the dataset; scores it on epochs it never saw.",
      "Reads the Parquet files of the data directories and keeps clean windows (not",
      "a transition, known label). A multi-class RBF SVM (Tribuo LibSVM, standardized",
      "features, balanced class weights) is scored by grouped k-fold over (run, epoch),",
      "never on shuffled windows, with C and gamma chosen inside each fold's training",
      "epochs; the prototype's four columns are scored the same way as a baseline.",
      "The final model is trained on every clean window. Writes the model,",
      "report.json and confusion.png to --out."})
final class TrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", required = true, descriptionKey = ServiceKeys.TRAIN + TrainConfig.DATA_DIRS, split = ",", paramLabel = "DIR",
      description = "A data directory of twlb run or twlb sink (repeatable, or comma-separated).")
  List<Path> dataDirs;

  @Option(names = "--out", descriptionKey = ServiceKeys.TRAIN + TrainConfig.OUT_DIR, description = "Where the model and report go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--folds", descriptionKey = ServiceKeys.TRAIN + TrainConfig.FOLDS,
      description = "Held-out folds by epoch (each epoch is held out exactly once). Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(names = "--inner-folds", descriptionKey = ServiceKeys.TRAIN + TrainConfig.INNER_FOLDS,
      description = "Folds by epoch inside the training epochs for choosing C and gamma. Default: ${DEFAULT-VALUE}.")
  int innerFolds;

  @Option(names = "--cost", split = ",", descriptionKey = ServiceKeys.TRAIN + TrainConfig.COSTS, description = "SVM costs C to try. Default: ${DEFAULT-VALUE}.")
  List<String> costs;

  @Option(names = "--gamma", split = ",", descriptionKey = ServiceKeys.TRAIN + TrainConfig.GAMMAS,
      description = "RBF gammas to try (features are standardized). Default: ${DEFAULT-VALUE}.")
  List<String> gammas;

  @Option(names = "--min-purity", descriptionKey = ServiceKeys.TRAIN + TrainConfig.MIN_PURITY,
      description = "Also train on windows an assignment change cuts whose label covers at least this share of them (the"
          + " scores count clean windows only); 1: clean windows only. Default: ${DEFAULT-VALUE}.")
  double minPurity;

  @Option(names = "--spacing", descriptionKey = ServiceKeys.TRAIN + TrainConfig.SPACING_MS,
      converter = dev.twlb.servicekit.DurationConverter.class,
      description = "Of each node's clean windows, learn from at most one per this span (0s: all). Default: ${DEFAULT-VALUE}.")
  java.time.Duration spacing;

  @Option(names = "--seed", descriptionKey = ServiceKeys.TRAIN + TrainConfig.SEED, description = "Seed of the folds and of LibSVM. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    new Training(new TrainConfig(ServiceSettings.of(spec, ServiceKeys.TRAIN)), System.out).run();
    return 0;
  }
}
