package dev.twlb.app;

import dev.twlb.detector.EvaluateConfig;
import dev.twlb.detector.ModelEvaluation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Scores a trained model on other data: another run, another seed, other settings.",
      "Reads the Parquet files of the data directories, keeps the clean windows (not a",
      "transition, known label) and scores every one of them with the model; writes",
      "report.json and confusion.png (the same as twlb train's) to --out. A model trained",
      "on the early windows (twlb run --detect-after, or twlb train on DIR/early) is",
      "scored on another run's DIR/early."})
final class EvaluateCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, descriptionKey = ServiceKeys.EVALUATE + EvaluateConfig.MODEL_FILE,
      description = "Model file written by twlb train (e.g. detector/model.tribuo).")
  Path model;

  @Option(names = "--data-dir", required = true, descriptionKey = ServiceKeys.EVALUATE + EvaluateConfig.DATA_DIRS, split = ",",
      paramLabel = "DIR", description = "A data directory to score it on (repeatable, or comma-separated).")
  List<Path> dataDirs;

  @Option(names = "--out", descriptionKey = ServiceKeys.EVALUATE + EvaluateConfig.OUT_DIR,
      description = "Where report.json and confusion.png go. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--from-ms", descriptionKey = ServiceKeys.EVALUATE + EvaluateConfig.WINDOWS_FROM_MS, paramLabel = "MS",
      description = "Only windows that start at or after this instant (ms since 1970), e.g. the epochs a twlb run's"
          + " detector scored live (detector/live.json). Default: ${DEFAULT-VALUE} (all).")
  long fromMs;

  @Override
  public Integer call() throws Exception {
    ModelEvaluation.run(new EvaluateConfig(ServiceSettings.of(spec, ServiceKeys.EVALUATE)), System.out);
    return 0;
  }
}
