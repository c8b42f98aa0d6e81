package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
import dev.twlb.scheduler.EpochScheduler;
import dev.twlb.scheduler.PlanMetrics;
import dev.twlb.scheduler.SchedulerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scheduler", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Draws and publishes a random fault plan every epoch.",
      "Each epoch a seeded random generator picks k of N nodes to be faulty, a fault and its intensity",
      "for each, and one FaultAssignment per node goes to fault-assignments ahead of time.",
      "The same seed gives the same plans."})
final class SchedulerCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Option(names = "--seed", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.SEED, description = "Seed; a random one is drawn and printed when absent.")
  Long seed;

  @Option(names = "--run-id", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.RUN_ID, description = "Run id on every assignment. Default: run-<seed>.")
  String runId;

  @Option(names = "--epochs", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.EPOCHS, description = "Epochs to run; 0 = until stopped. Default: ${DEFAULT-VALUE}.")
  long epochs;

  @Option(names = "--epoch-duration", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.EPOCH_DURATION_MS, converter = DurationConverter.class,
      description = "Length of an epoch, e.g. 60s, 2m. Default: ${DEFAULT-VALUE}.")
  Duration epochDuration;

  @Option(names = "--nodes", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.NODES, description = "Number of nodes node-1..node-N. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--faulty", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.FAULTY, description = "Faulty nodes per epoch. Default: ${DEFAULT-VALUE}.")
  int faulty;

  @Option(names = "--faults", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.FAULTS, paramLabel = "NAME[=WEIGHT],...",
      description = "Fault mix with weights, e.g. delay=2,crash=1,500-error=1. Default: every fault, equal weights.")
  String faults;

  @Option(names = "--fault-draw", paramLabel = "deck|independent", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.FAULT_DRAW,
      description = "How faulty nodes get their fault: deck (every type by weight before any repeats) or independent. Default: ${DEFAULT-VALUE}.")
  String faultDraw;

  @Option(names = "--intensity", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.INTENSITIES, split = ",", paramLabel = "FAULT.PARAM=MIN..MAX",
      description = "Override an intensity range, e.g. delay.delay_ms=6000..7000 (repeatable).")
  List<String> intensities;

  @Option(names = "--start-delay", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.START_DELAY_MS, converter = DurationConverter.class,
      description = "Time before the first epoch, for a cluster started with the scheduler to warm up. Default: ${DEFAULT-VALUE}.")
  Duration startDelay;

  @Option(names = "--topic", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.TOPIC,
      description = "Topic the assignments are published to. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--metrics-host", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.METRICS_HOST, description = "Interface of /metrics.")
  String metricsHost;

  @Option(names = "--metrics-port", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.METRICS_PORT,
      description = "Port of /metrics (twlb_fault_assignment{node,fault_type} for dashboards); -1 = none. Default: ${DEFAULT-VALUE}.")
  int metricsPort;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> settings = ServiceSettings.of(spec, ServiceKeys.SCHEDULER);
    long chosenSeed = seed != null ? seed : new Random().nextLong();
    settings.put(SchedulerConfig.SEED, chosenSeed);
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
