package dev.twlb.bench;

import dev.twlb.detector.DatasetReader;
import dev.twlb.detector.Scores;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.TrainReport;
import dev.twlb.detector.Training;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "detector", mixinStandardHelpOptions = true,
    description = {"Generates a seeded dataset with twlb run (default settings, --faulty 6), trains the SVM and reports",
        "macro-F1 and per-class F1 on held-out epochs for all features and for the prototype's four; then the share",
        "of windows of an up node that have cpu_usage_rate, for 2 s, 3 s and 5 s windows."})
final class DetectorBench implements Callable<Integer> {
  @Mixin
  JarOptions files;

  @Option(names = "--epochs", defaultValue = "20", description = "Epochs of the training dataset (60 s each). Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--seed", defaultValue = "11", description = "Seed of the fault plans. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--data-dir", description = "Use this dataset of 5 s windows (a twlb run data directory) instead of generating one.")
  Path dataDir;

  @Option(names = "--coverage-epochs", defaultValue = "3",
      description = "Epochs of the extra 2 s and 3 s window runs that measure CPU-rate coverage (0: skip them). Default: ${DEFAULT-VALUE}.")
  int coverageEpochs;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("twlb-detector-bench");
    Path data = dataDir != null ? dataDir : generate(work.resolve("data-5s"), "5s", epochs);
    Training.Result trained = new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(data.toString()),
        TrainConfig.OUT_DIR, work.resolve("model").toString())), System.out).run();
    Files.createDirectories(files.results);
    Files.copy(trained.picture(), files.results.resolve("detector-confusion.png"), StandardCopyOption.REPLACE_EXISTING);

    Report report = new Report("detector", "measure", "all features", "prototype's four");
    Scores all = trained.all().scores();
    Scores prototype = trained.prototype().scores();
    report.row("macro-F1, held-out epochs", all.macroF1(), prototype.macroF1());
    report.row("accuracy, held-out epochs", all.accuracy(), prototype.accuracy());
    Map<String, Double> baseF1 = new LinkedHashMap<>();
    prototype.perClass().forEach(c -> baseF1.put(c.label(), c.f1()));
    for (Scores.ClassScore c : all.perClass()) {
      report.row("F1 " + c.label() + " (" + c.support() + " windows)", c.f1(), baseF1.getOrDefault(c.label(), 0.0));
    }
    Map<String, Object> coverage = new LinkedHashMap<>();
    coverage.put("5s", cpuRateCoverage(data));
    if (coverageEpochs > 0) {
      for (String window : List.of("2s", "3s")) {
        coverage.put(window, cpuRateCoverage(generate(work.resolve("data-" + window), window, coverageEpochs)));
      }
    }
    coverage.forEach((window, share) -> report.row("windows of an up node with cpu_usage_rate, " + window + " windows", share, "-"));
    report.fact("split", TrainReport.summary(trained).lines().findFirst().orElse(""))
        .fact("dataset", dataDir != null ? dataDir.toString()
            : "twlb run --epochs " + epochs + " --faulty 6 --seed " + seed + " (60 s epochs, 5 s windows, 15 nodes, 50 req/s)")
        .fact("clean windows", trained.data().rows().size())
        .fact("final model", String.valueOf(trained.finalParams()))
        .fact("up node", "every scrape in the window succeeded and the window is not a transition")
        .fact("confusion matrix", files.results.resolve("detector-confusion.png").toString())
        .print(files.results);
    return 0;
  }

  /** Runs {@code twlb run} with defaults but the given window, 6 faulty nodes and the seed; its output goes to run.log. */
  private Path generate(Path dir, String window, int epochs) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", files.jar.toString(), "run", "--epochs", Integer.toString(epochs), "--faulty", "6", "--seed", Long.toString(seed),
        "--window", window, "--data-dir", dir.toString(),
        // ports of their own, so a twlb run already on this machine is no obstacle
        "--broker-port", "19092", "--registry-port", "18081", "--lb-port", "18080", "--node-base-port", "17001",
        "--service-port-base", "19400"));
    System.out.println("generating: " + String.join(" ", command.subList(3, command.size())) + " (log: " + dir.resolve("run.log") + ")");
    Process run = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
    long started = System.nanoTime();
    while (!run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
      System.out.printf("  ... %d min%n", Duration.ofNanos(System.nanoTime() - started).toMinutes());
    }
    if (run.exitValue() != 0) {
      throw new IllegalStateException("twlb run failed with exit code " + run.exitValue() + "; see " + dir.resolve("run.log"));
    }
    return dir;
  }

  /** Share of the windows of an up node (every scrape succeeded, not a transition) whose cpu_usage_rate is present. */
  static String cpuRateCoverage(Path data) {
    return coverage(data, "cpu_usage_rate");
  }

  /** Share of the windows of an up node (every scrape succeeded, not a transition) where {@code column} is present. */
  static String coverage(Path data, String column) {
    long[] counts = new long[2];
    DatasetReader.forEachRow(List.of(data), r -> {
      Object upRatio = r.get("scrape_up_ratio");
      if (upRatio != null && ((Number) upRatio).doubleValue() == 1.0 && Boolean.FALSE.equals(r.get("is_transition"))) {
        counts[0]++;
        if (r.get(column) != null) {
          counts[1]++;
        }
      }
    });
    return counts[0] == 0 ? "no window of an up node"
        : String.format("%.2f%% (%d of %d)", 100.0 * counts[1] / counts[0], counts[1], counts[0]);
  }
}
