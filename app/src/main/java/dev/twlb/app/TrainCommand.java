package dev.twlb.app;

import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    defaultValueProvider = TrainCommand.Defaults.class,
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
  static final class Defaults extends ConfigDefaults {
    Defaults() {
      super(TrainConfig.CONFIG);
    }
  }

  @Option(names = "--data-dir", required = true, split = ",", paramLabel = "DIR",
      description = "A data directory of twlb run or twlb sink (repeatable, or comma-separated).")
  List<Path> dataDirs;

  @Option(names = "--out", descriptionKey = TrainConfig.OUT_DIR, description = "Where the model and report go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--folds", descriptionKey = TrainConfig.FOLDS,
      description = "Held-out folds by epoch (each epoch is held out exactly once). Default: ${DEFAULT-VALUE}.")
  int folds;

  @Option(names = "--inner-folds", descriptionKey = TrainConfig.INNER_FOLDS,
      description = "Folds by epoch inside the training epochs for choosing C and gamma. Default: ${DEFAULT-VALUE}.")
  int innerFolds;

  @Option(names = "--cost", split = ",", descriptionKey = TrainConfig.COSTS, description = "SVM costs C to try. Default: ${DEFAULT-VALUE}.")
  List<String> costs;

  @Option(names = "--gamma", split = ",", descriptionKey = TrainConfig.GAMMAS,
      description = "RBF gammas to try (features are standardized). Default: ${DEFAULT-VALUE}.")
  List<String> gammas;

  @Option(names = "--seed", descriptionKey = TrainConfig.SEED, description = "Seed of the folds and of LibSVM. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> settings = new HashMap<>();
    settings.put(TrainConfig.DATA_DIRS, dataDirs.stream().map(Path::toString).toList());
    settings.put(TrainConfig.OUT_DIR, out.toString());
    settings.put(TrainConfig.FOLDS, folds);
    settings.put(TrainConfig.INNER_FOLDS, innerFolds);
    settings.put(TrainConfig.COSTS, costs);
    settings.put(TrainConfig.GAMMAS, gammas);
    settings.put(TrainConfig.SEED, seed);
    new Training(new TrainConfig(settings), System.out).run();
    return 0;
  }
}
