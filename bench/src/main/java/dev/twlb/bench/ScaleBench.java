package dev.twlb.bench;

import dev.twlb.detector.Scores;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.TrainReport;
import dev.twlb.detector.Training;
import dev.twlb.detector.report.LabelEvidence;
import dev.twlb.servicekit.DurationConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Hundreds of nodes on one machine: is the dataset still worth training on, and what does it cost? Runs the README's
 * command (or watches a compose project) and reports, against the targets of issue #41, windows with a row of every
 * node, requests per node-window, CPU-rate coverage, label evidence per class, peak memory, and the SVM's macro-F1 on
 * held-out epochs beside the prototype's four features trained and scored on the same split.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
    description = {"twlb run --nodes 500 --node-hosting shared --faulty 100 (the README's command), a running compose",
        "project (--compose, --data-dir) or a dataset (--data-dir): windows with a row of every node, requests per",
        "node-window, CPU-rate coverage, label evidence per class, peak memory, and held-out macro-F1. Writes",
        "scale-<nodes>.json, scale-compose.json or scale-dataset.json."})
final class ScaleBench implements Callable<Integer> {
  static final double CPU_TARGET = 0.99;
  /** What twlb run stretches its window to hold (WindowForTraffic in app). */
  static final double REQUESTS_TARGET = 4;
  static final double F1_TARGET = 0.95;
  static final long PSS_TARGET = 1536L << 20;
  /** Windows of a running compose project newer than this may not be in the files yet (the compose test waits as long). */
  static final long COMPOSE_SETTLE_MS = 45_000;

  @Option(names = "--nodes", defaultValue = "500", description = "Nodes of the run. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--faulty", defaultValue = "100", description = "Faulty nodes per epoch. Default: ${DEFAULT-VALUE}.")
  int faulty;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs of the run. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--epoch-duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "Length of an epoch. Default: ${DEFAULT-VALUE}.")
  Duration epochDuration;

  @Option(names = "--start-delay", defaultValue = "30s", converter = DurationConverter.class,
      description = "Warm-up before the first epoch, as the README's command. Default: ${DEFAULT-VALUE}.")
  Duration startDelay;

  @Option(names = "--window", converter = DurationConverter.class,
      description = "Length of a labeled window. Default: twlb run's (stretched to hold 4 requests of a node: 10s at 500 nodes).")
  Duration window;

  @Option(names = "--seed", defaultValue = "41", description = "Seed of the fault plans. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--compose", paramLabel = "PROJECT",
      description = "Measure this running compose project instead of starting twlb run (needs --data-dir and the docker CLI).")
  String compose;

  @Option(names = "--data-dir",
      description = "Measure this data directory (with --compose: the project's TWLB_DATA_DIR) instead of a new run's.")
  Path dataDir;

  @Option(names = "--duration", defaultValue = "4m", converter = DurationConverter.class,
      description = "With --compose: how long to sample the containers' memory before reading the data. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--cost", defaultValue = "10", description = "The SVM's C (one value: a grid at 500 nodes takes long). Default: ${DEFAULT-VALUE}.")
  String cost;

  @Option(names = "--gamma", defaultValue = "0.05", description = "The SVM's gamma. Default: ${DEFAULT-VALUE}.")
  String gamma;

  @Mixin
  JarOptions files;

  @Override
  public Integer call() throws Exception {
    if (compose != null && dataDir == null) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--compose needs --data-dir");
    }
    String source;
    String memory;
    long peak;
    Path data;
    if (compose == null && dataDir == null) {
      data = Files.createTempDirectory("twlb-scale");
      FootprintRun run = run(data);
      source = run.command();
      peak = run.peakPss();
      memory = "peak proportional set size, twlb run and its node host (MiB)";
    } else if (compose == null) {
      data = dataDir;
      source = "the dataset in " + dataDir;
      peak = -1;
      memory = "peak memory (not measured: an existing dataset)";
    } else {
      data = dataDir;
      long[] watched = watchContainers();
      source = "compose project " + compose + ", data in " + dataDir + ", " + watched[1] + " containers";
      peak = watched[0];
      memory = "peak proportional set size of the project's containers (MiB)";
    }
    ScaleDataset dataset = ScaleDataset.of(data, nodes, compose == null ? 0 : COMPOSE_SETTLE_MS);
    Training.Result trained = new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(data.toString()),
        TrainConfig.OUT_DIR, Files.createTempDirectory("twlb-scale-model").toString(), TrainConfig.FOLDS, "3",
        TrainConfig.INNER_FOLDS, "2", TrainConfig.COSTS, cost, TrainConfig.GAMMAS, gamma, TrainConfig.SEED, Long.toString(seed))),
        System.out).run();

    Report report = new Report(compose != null ? "scale-compose" : dataDir != null ? "scale-dataset" : "scale-" + nodes, "measure", "measured", "target");
    report.row("windows with a row of every node / windows", dataset.completeWindows() + " / " + dataset.windows(), "all");
    report.row("rows of a (node, window) written before", dataset.duplicates(), 0);
    report.row("window (s)", dataset.windowSeconds(), "-");
    report.row("requests per node-window", dataset.requestsPerNodeWindow(), "at least " + Math.round(REQUESTS_TARGET));
    report.row("windows of an up node with cpu_usage_rate", dataset.cpuRateCoverage(), percent(CPU_TARGET));
    report.row("windows of an up node with resident_mem_growth_mb_per_s", dataset.memoryGrowthCoverage(), percent(CPU_TARGET));
    for (LabelEvidence.ClassEvidence c : dataset.evidence()) {
      report.row("evidence " + c.faultType() + " (" + c.sign() + "), node-epochs", c.showing() + " / " + c.nodeEpochs(),
          percent(LabelEvidence.TARGET));
    }
    report.row(memory, peak < 0 ? "-" : Math.round(peak / ProcMemory.MIB), compose == null ? Math.round(PSS_TARGET / ProcMemory.MIB) : "-");
    Scores all = trained.all().scores();
    report.row("macro-F1 on held-out epochs, all features", all.macroF1(), F1_TARGET);
    report.row("macro-F1 on held-out epochs, the prototype's four (reference, same split)", trained.prototype().scores().macroF1(), "-");
    for (Scores.ClassScore c : all.perClass()) {
      report.row("  F1 " + c.label() + " (" + c.support() + " windows)", c.f1(), "-");
    }
    report.fact("measured", source)
        .fact("split", TrainReport.summary(trained).lines().findFirst().orElse(""))
        .fact("svm", "C " + cost + ", gamma " + gamma + " (fixed; 3 folds of epochs)")
        .fact("up window", "every scrape in the window succeeded and the window is not a transition")
        .print(files.results);
    boolean met = dataset.completeWindows() == dataset.windows() && dataset.duplicates() == 0
        && dataset.weakestEvidence() >= LabelEvidence.TARGET;
    return met ? 0 : 1;
  }

  private FootprintRun run(Path data) throws Exception {
    List<String> readme = new ArrayList<>(List.of("--nodes", Integer.toString(nodes), "--node-hosting", "shared", "--faulty",
        Integer.toString(faulty), "--epochs", Integer.toString(epochs), "--epoch-duration", epochDuration.toSeconds() + "s",
        "--start-delay", startDelay.toSeconds() + "s", "--early-hop", "1s"));
    if (window != null) {
      readme.addAll(List.of("--window", window.toMillis() % 1000 == 0 ? window.toSeconds() + "s" : window.toMillis() + "ms"));
    }
    readme.addAll(List.of("--seed", Long.toString(seed)));
    String shown = "twlb run " + String.join(" ", readme);
    PortBlock ports = PortBlock.pick(nodes);
    List<String> args = new ArrayList<>(readme);
    args.addAll(List.of("--data-dir", data.toString()));
    args.addAll(ports.runArgs());
    List<String> command = ChildRun.command(files.jar, ChildRun.RUN_LINE_HEAP, List.of(), args);
    System.out.println("scale: " + shown + ", log in " + data.resolve("run.log"));
    return FootprintRun.watch(shown, ChildRun.start(command, data.resolve("run.log")), data, ports.bootstrapServers(),
        Duration.ofMinutes(2), nodes);
  }

  /** Samples the project's containers every 5 s for {@link #duration}: the peak summed memory and the most containers. */
  private long[] watchContainers() throws Exception {
    long peak = 0;
    long containers = 0;
    long end = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < end) {
      long[] now = ContainerMemory.of(compose);
      if (now[1] == 0) {
        throw new IllegalStateException("no running container of compose project " + compose + " (docker compose -p " + compose + " ps)");
      }
      peak = Math.max(peak, now[0]);
      containers = Math.max(containers, now[1]);
      System.out.printf("  %d containers, %.0f MiB%n", now[1], now[0] / ProcMemory.MIB);
      Thread.sleep(5_000);
    }
    return new long[] {peak, containers};
  }

  private static String percent(double share) {
    return Math.round(share * 100) + "%";
  }
}
