package dev.twlb.app;

import dev.twlb.nodes.scheduler.EpochScheduler;
import dev.twlb.nodes.scheduler.PlanMetrics;
import dev.twlb.nodes.scheduler.SchedulerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scheduler", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    defaultValueProvider = SchedulerDefaults.class,
    description = {
      "Draws and publishes a random fault plan every epoch.",
      "Each epoch a seeded random generator picks k of N nodes to be faulty, a fault and its intensity",
      "for each, and one FaultAssignment per node goes to fault-assignments ahead of time.",
      "The same seed gives the same plans."})
final class SchedulerCommand implements Callable<Integer> {
  @Mixin
  ClientOptions clients;

  @Option(names = "--seed", defaultValue = "${env:TWLB_SEED}", description = "Seed; a random one is drawn and printed when absent.")
  Long seed;

  @Option(names = "--run-id", defaultValue = "${env:TWLB_RUN_ID}", description = "Run id on every assignment. Default: run-<seed>.")
  String runId;

  @Option(names = "--epochs", defaultValue = "${env:TWLB_EPOCHS:-0}", description = "Epochs to run; 0 = until stopped. Default: ${DEFAULT-VALUE}.")
  long epochs;

  @Option(names = "--epoch-duration", defaultValue = "${env:TWLB_EPOCH_DURATION:-60s}", converter = DurationConverter.class,
      description = "Length of an epoch, e.g. 60s, 2m. Default: ${DEFAULT-VALUE}.")
  Duration epochDuration;

  @Option(names = "--nodes", defaultValue = "${env:TWLB_NODE_COUNT:-15}", description = "Number of nodes node-1..node-N. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--faulty", defaultValue = "${env:TWLB_FAULTY:-3}", description = "Faulty nodes per epoch. Default: ${DEFAULT-VALUE}.")
  int faulty;

  @Option(names = "--faults", defaultValue = "${env:TWLB_FAULTS}", paramLabel = "NAME[=WEIGHT],...",
      description = "Fault mix with weights, e.g. delay=2,crash=1,500-error=1. Default: every fault, equal weights.")
  String faults;

  @Option(names = "--fault-draw", paramLabel = "deck|independent", descriptionKey = SchedulerConfig.FAULT_DRAW,
      description = "How faulty nodes get their fault: deck (every type by weight before any repeats) or independent. Default: ${DEFAULT-VALUE}.")
  String faultDraw;

  @Option(names = "--intensity", paramLabel = "FAULT.PARAM=MIN..MAX",
      description = "Override an intensity range, e.g. delay.delay_ms=6000..7000 (repeatable).")
  List<String> intensities = List.of();

  @Option(names = "--topic", defaultValue = "fault-assignments",
      description = "Topic the assignments are published to. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--metrics-host", defaultValue = "${env:TWLB_SCHEDULER_HOST:-localhost}", description = "Interface of /metrics.")
  String metricsHost;

  @Option(names = "--metrics-port", defaultValue = "${env:TWLB_SCHEDULER_PORT:-9403}",
      description = "Port of /metrics (twlb_fault_assignment{node,fault_type} for dashboards); -1 = none. Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    long chosenSeed = seed != null ? seed : new Random().nextLong();
    Map<String, Object> settings = new HashMap<>(Map.of(
        SchedulerConfig.SEED, chosenSeed, SchedulerConfig.EPOCHS, epochs,
        SchedulerConfig.EPOCH_DURATION_MS, epochDuration.toMillis(), SchedulerConfig.NODES, nodes,
        SchedulerConfig.FAULTY, faulty, SchedulerConfig.INTENSITIES, intensities, SchedulerConfig.TOPIC, topic));
    if (faults != null) {
      settings.put(SchedulerConfig.FAULTS, faults);
    }
    settings.put(SchedulerConfig.FAULT_DRAW, faultDraw);
    if (runId != null) {
      settings.put(SchedulerConfig.RUN_ID, runId);
    }
    SchedulerConfig config = new SchedulerConfig(settings);
    System.out.println("scheduler: seed " + chosenSeed + " (repeat with --seed " + chosenSeed + "), run " + config.runId());
    try (EpochScheduler scheduler = new EpochScheduler(config, clients.all(), Clock.systemUTC());
         PlanMetrics metrics = metricsPort < 0 ? null : new PlanMetrics(metricsHost, metricsPort)) {
      Runtime.getRuntime().addShutdownHook(new Thread(scheduler::close));
      Instant start = scheduler.firstEpochStart();
      Instant end = scheduler.run(start, plan -> {
        System.out.println("epoch " + plan.get(0).getEpochId() + " from " + plan.get(0).getEffectiveFromMs() + ": "
            + EpochScheduler.describe(plan));
        if (metrics != null) {
          metrics.inForce(plan);
        }
      });
      System.out.println("scheduler: last epoch ends at " + end);
    }
    return 0;
  }
}
