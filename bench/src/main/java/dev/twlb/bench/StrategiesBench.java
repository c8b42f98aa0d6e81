package dev.twlb.bench;

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
import picocli.CommandLine.Option;

/**
 * Every balancing strategy in turn against the same seeded fault schedule: one {@code twlb run} per strategy and mix
 * (15 nodes as processes, 3 faulty per epoch) against a broker and registry of this process, then its request events
 * and fault assignments read back and scored as the clients saw them ({@link StrategyOutcome}).
 */
@Command(name = "strategies", mixinStandardHelpOptions = true,
    description = {"Each balancing strategy against one seeded fault schedule, for every fault and for gray faults only:",
        "client-seen success, p50/p99, share of requests to faulty nodes, time until a faulty node gets under a tenth",
        "of its fair share. Writes strategies.json and strategies-<mix>.png (success over time)."})
final class StrategiesBench implements Callable<Integer> {
  static final String GRAY = "slow,lie-latency,corrupt,intermittent-error,flapping";

  @Option(names = "--strategies", split = ",", defaultValue = "round-robin,random,least-outstanding,p2c-ewma,outlier-ejection,trust-weighted",
      description = "Strategies to run, in order. Default: ${DEFAULT-VALUE}.")
  List<String> strategies;

  @Option(names = "--mixes", split = ",", defaultValue = "full,gray",
      description = "full: twlb run's default mix of every fault; gray: " + GRAY + ". Default: ${DEFAULT-VALUE}.")
  List<String> mixes;

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

  @Option(names = "--jar", defaultValue = "app/target/twlb.jar", description = "The twlb jar. Default: ${DEFAULT-VALUE}.")
  Path jar;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON and pictures go. Default: ${DEFAULT-VALUE}.")
  Path results;

  static final int NODES = 15;

  @Override
  public Integer call() throws Exception {
    Report report = new Report("strategies", "mix", "strategy", "client success %", "p50 ms", "p99 ms", "to faulty nodes %",
        "to harmful faults %", "median s to < 1/10 share", "faults brought under 1/10");
    Map<String, Map<String, StrategyOutcome>> all = new LinkedHashMap<>();
    Files.createDirectories(results);
    try (Infra infra = new Infra()) {
      for (String mix : mixes) {
        Map<String, StrategyOutcome> byStrategy = new LinkedHashMap<>();
        for (String strategy : strategies) {
          StrategyOutcome outcome = run(infra, mix, strategy);
          System.out.println(mix + " / " + strategy + ": " + outcome + "\n  failed: " + outcome.failedByFault());
          byStrategy.put(strategy, outcome);
          report.row(mix, strategy, 100 * outcome.successRate(), outcome.p50Ms(), outcome.p99Ms(), 100 * outcome.faultyShare(),
              100 * outcome.harmfulShare(), outcome.medianSecondsToTenthOfShare(), outcome.faultsUnderTenth() + " / " + outcome.faultsCounted());
        }
        all.put(mix, byStrategy);
        StrategiesChart.write(mix, byStrategy, results.resolve("strategies-" + mix + ".png"));
      }
    }
    all.forEach((mix, byStrategy) -> byStrategy.forEach((strategy, o) ->
        report.fact(mix + " / " + strategy + ": median s to < 1/10 share by fault", o.medianSecondsByFault())
            .fact(mix + " / " + strategy + ": failed client requests by the node's fault and outcome", o.failedByFault())));
    report.fact("runs", "twlb run --nodes " + NODES + " --faulty 3 --epochs " + epochs + " --epoch-duration " + epochDuration.toSeconds()
            + "s --rate " + (int) rate + " --seed " + seed + " --retries " + retries + " --strategy <each> [--faults " + GRAY + "]")
        .fact("scored", "epochs 2 to " + epochs + " (the first is warm-up)")
        .fact("client success", "the last attempt of a client's request was a 200 with a valid checksum")
        .fact("harmful faults", "every fault but " + StrategyOutcome.HARMLESS + " (their nodes answer right and in time)")
        .print(results);
    return 0;
  }

  private StrategyOutcome run(Infra infra, String mix, String strategy) throws Exception {
    Map<org.apache.kafka.common.TopicPartition, Long> eventsFrom = TopicRange.ends(infra, Topics.REQUEST_EVENTS.name());
    Map<org.apache.kafka.common.TopicPartition, Long> assignmentsFrom = TopicRange.ends(infra, Topics.FAULT_ASSIGNMENTS.name());
    Path data = Files.createTempDirectory("twlb-strategies");
    List<String> command = ChildRun.command(jar, "default", List.of(), new ArrayList<>(List.of("--bootstrap-servers", infra.broker.bootstrapServers(),
        "--schema-registry-url", infra.registry.url(), "--strategy", strategy, "--retries", Integer.toString(retries),
        "--nodes", Integer.toString(NODES), "--faulty", "3", "--epochs", Integer.toString(epochs),
        "--epoch-duration", epochDuration.toSeconds() + "s", "--rate", Double.toString(rate), "--seed", Long.toString(seed),
        "--data-dir", data.toString(), "--lb-port", Integer.toString(FreePort.pick("localhost")),
        "--node-base-port", "32001", "--service-port-base", "32401")));
    if (mix.equals("gray")) {
      command.addAll(List.of("--faults", GRAY));
    } else if (!mix.equals("full")) {
      throw new IllegalArgumentException("unknown mix '" + mix + "': full or gray");
    }
    System.out.println(mix + " / " + strategy + ": twlb run, log in " + data.resolve("run.log"));
    Process process = ChildRun.start(command, data.resolve("run.log"));
    long limit = epochDuration.toSeconds() * epochs + 300;
    if (!process.waitFor(limit, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("twlb run did not end within " + limit + " s; see " + data.resolve("run.log"));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("twlb run ended with " + process.exitValue() + "; see " + data.resolve("run.log"));
    }
    List<RequestEvent> events = TopicRange.read(infra, Topics.REQUEST_EVENTS, eventsFrom);
    List<FaultAssignment> assignments = TopicRange.read(infra, Topics.FAULT_ASSIGNMENTS, assignmentsFrom);
    return StrategyOutcome.of(events, assignments, NODES);
  }
}
