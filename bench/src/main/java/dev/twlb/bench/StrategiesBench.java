package dev.twlb.bench;

import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.DurationConverter;
import dev.twlb.servicekit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Every balancing strategy in turn against the same seeded fault schedule: one {@code twlb run} per strategy and mix
 * (15 nodes as processes, 3 faulty per epoch) against a broker and registry of this process, then its request events
 * and fault assignments read back and scored as the clients saw them ({@link StrategyOutcome}).
 */
@Command(name = "strategies", mixinStandardHelpOptions = true,
    description = {"Each balancing strategy against one seeded fault schedule, for every fault and for gray faults only,",
        "with 3 and with 6 of 15 nodes faulty: client-seen success, p50/p99, share of requests to faulty nodes, time",
        "until a faulty node gets under a tenth of its fair share (by fault). trust-weighted+verdicts is trust-weighted",
        "weighing a live detector's verdicts (a model trained first on a run of its own, or --model). Writes",
        "strategies.json and strategies-<mix>-<faulty>.png (success over time)."})
final class StrategiesBench implements Callable<Integer> {
  static final String GRAY = "slow,lie-latency,corrupt,intermittent-error,flapping";

  static final String WITH_VERDICTS = "trust-weighted+verdicts";

  @Option(names = "--strategies", split = ",",
      defaultValue = "round-robin,random,least-outstanding,p2c-ewma,outlier-ejection,trust-weighted," + WITH_VERDICTS,
      description = "Strategies to run, in order. Default: ${DEFAULT-VALUE}.")
  List<String> strategies;

  @Option(names = "--mixes", split = ",", defaultValue = "full,gray",
      description = "full: twlb run's default mix of every fault; gray: " + GRAY + ". Default: ${DEFAULT-VALUE}.")
  List<String> mixes;

  @Option(names = "--faulty", split = ",", defaultValue = "3,6", description = "Faulty nodes per epoch, each in turn. Default: ${DEFAULT-VALUE}.")
  List<Integer> faulty;

  @Option(names = "--model", description = "The detector of " + WITH_VERDICTS + "; default: one trained on an early-window run of its own.")
  Path model;

  @Option(names = "--train-epochs", defaultValue = "8",
      description = "Epochs of that training run (6 faulty, the same epochs and rate, another seed). Default: ${DEFAULT-VALUE}.")
  int trainEpochs;

  @Option(names = "--epochs", defaultValue = "11", description = "Epochs per run; the first is warm-up, not scored. Default: ${DEFAULT-VALUE}.")
  int epochs;

  @Option(names = "--epoch-duration", defaultValue = "20s", converter = DurationConverter.class,
      description = "Epoch length. Default: ${DEFAULT-VALUE}.")
  Duration epochDuration;

  @Option(names = "--rate", defaultValue = "100", description = "Client requests per second. Default: ${DEFAULT-VALUE}.")
  double rate;

  @Option(names = "--seed", defaultValue = "7", description = "Seed of the fault schedule, the same for every run. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--retries", defaultValue = "0", description = "The balancer's --retries, for every strategy. Default: ${DEFAULT-VALUE}.")
  int retries;

  @Mixin
  JarOptions files;

  static final int NODES = 15;

  @Override
  public Integer call() throws Exception {
    Report report = new Report("strategies", "mix", "strategy", "client success %", "p50 ms", "p99 ms", "to faulty nodes %",
        "to harmful faults %", "median s to < 1/10 share", "faults brought under 1/10");
    Map<String, Map<String, StrategyOutcome>> all = new LinkedHashMap<>();
    Files.createDirectories(files.results);
    try (Infra infra = new Infra()) {
      if (strategies.contains(WITH_VERDICTS) && model == null) {
        model = trainDetector(infra);
      }
      for (int f : faulty) {
        for (String mix : mixes) {
          String name = mix + ", " + f + " faulty";
          Map<String, StrategyOutcome> byStrategy = new LinkedHashMap<>();
          for (String strategy : strategies) {
            StrategyOutcome outcome = run(infra, mix, strategy, f);
            System.out.println(name + " / " + strategy + ": " + outcome + "\n  failed: " + outcome.failedByFault());
            byStrategy.put(strategy, outcome);
            report.row(name, strategy, 100 * outcome.successRate(), outcome.p50Ms(), outcome.p99Ms(), 100 * outcome.faultyShare(),
                100 * outcome.harmfulShare(), outcome.medianSecondsToTenthOfShare(), outcome.faultsUnderTenth() + " / " + outcome.faultsCounted());
          }
          all.put(name, byStrategy);
          StrategiesChart.write(name, byStrategy, files.results.resolve("strategies-" + mix + "-" + f + ".png"));
        }
      }
    }
    all.forEach((mix, byStrategy) -> byStrategy.forEach((strategy, o) ->
        report.fact(mix + " / " + strategy + ": median s to < 1/10 share by fault", o.medianSecondsByFault())
            .fact(mix + " / " + strategy + ": failed client requests by the node's fault and outcome", o.failedByFault())));
    report.fact("runs", "twlb run --nodes " + NODES + " --faulty <each> --epochs " + epochs + " --epoch-duration " + epochDuration.toSeconds()
            + "s --rate " + (int) rate + " --seed " + seed + " --retries " + retries + " --strategy <each> [--faults " + GRAY + "]"
            + " (" + WITH_VERDICTS + ": --strategy trust-weighted --model M)")
        .fact("detector of " + WITH_VERDICTS, String.valueOf(model))
        .fact("scored", "epochs 2 to " + epochs + " (the first is warm-up)")
        .fact("client success", "the last attempt of a client's request was a 200 with a valid checksum")
        .fact("harmful faults", "every fault but " + StrategyOutcome.HARMLESS + " (their nodes answer right and in time)")
        .print(files.results);
    return 0;
  }

  /** A detector for {@link #WITH_VERDICTS}: trained on the early windows of a run like the ones it will judge. */
  private Path trainDetector(Infra infra) throws Exception {
    Path data = Files.createTempDirectory("twlb-strategies-train");
    runToEnd(ChildRun.command(files.jar, "default", List.of(), runArgs(infra, data, "round-robin", 6, trainEpochs, seed + 1000)), data);
    return new Training(new TrainConfig(Map.of(TrainConfig.DATA_DIRS, List.of(data.resolve("early").toString()),
        TrainConfig.OUT_DIR, data.resolve("detector").toString(), TrainConfig.BASELINE, false)), System.out).run().model();
  }

  private List<String> runArgs(Infra infra, Path data, String strategy, int faultyNodes, int runEpochs, long runSeed) {
    return new ArrayList<>(List.of("--bootstrap-servers", infra.broker.bootstrapServers(),
        "--schema-registry-url", infra.registry.url(), "--strategy", strategy, "--retries", Integer.toString(retries),
        "--nodes", Integer.toString(NODES), "--faulty", Integer.toString(faultyNodes), "--epochs", Integer.toString(runEpochs),
        "--epoch-duration", epochDuration.toSeconds() + "s", "--rate", Double.toString(rate), "--seed", Long.toString(runSeed),
        "--data-dir", data.toString(), "--lb-port", Integer.toString(FreePort.pick("localhost")),
        "--node-base-port", "32001", "--service-port-base", "32401"));
  }

  private void runToEnd(List<String> command, Path data) throws Exception {
    System.out.println("twlb run, log in " + data.resolve("run.log"));
    Process process = ChildRun.start(command, data.resolve("run.log"));
    long limit = epochDuration.toSeconds() * epochs + 600;
    if (!process.waitFor(limit, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("twlb run did not end within " + limit + " s; see " + data.resolve("run.log"));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("twlb run ended with " + process.exitValue() + "; see " + data.resolve("run.log"));
    }
  }

  private StrategyOutcome run(Infra infra, String mix, String strategy, int faultyNodes) throws Exception {
    Map<org.apache.kafka.common.TopicPartition, Long> eventsFrom = TopicRange.ends(infra, Topics.REQUEST_EVENTS.name());
    Map<org.apache.kafka.common.TopicPartition, Long> assignmentsFrom = TopicRange.ends(infra, Topics.FAULT_ASSIGNMENTS.name());
    Path data = Files.createTempDirectory("twlb-strategies");
    boolean verdicts = strategy.equals(WITH_VERDICTS);
    List<String> args = runArgs(infra, data, verdicts ? "trust-weighted" : strategy, faultyNodes, epochs, seed);
    if (verdicts) {
      args.addAll(List.of("--model", model.toString()));
    }
    List<String> command = ChildRun.command(files.jar, "default", List.of(), args);
    if (mix.equals("gray")) {
      command.addAll(List.of("--faults", GRAY));
    } else if (!mix.equals("full")) {
      throw new IllegalArgumentException("unknown mix '" + mix + "': full or gray");
    }
    System.out.print(mix + ", " + faultyNodes + " faulty / " + strategy + ": ");
    runToEnd(command, data);
    List<RequestEvent> events = TopicRange.read(infra, Topics.REQUEST_EVENTS, eventsFrom);
    List<FaultAssignment> assignments = TopicRange.read(infra, Topics.FAULT_ASSIGNMENTS, assignmentsFrom);
    return StrategyOutcome.of(events, assignments, NODES);
  }
}
