package dev.twlb.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar bench/target/twlb-bench.jar <benchmark>}: each prints a markdown table and writes bench/results/<name>.json. */
@Command(name = "twlb-bench", mixinStandardHelpOptions = true,
    description = "TW-LB benchmarks: every figure is a ratio against a reference measured in the same run.",
    subcommands = {SinkBench.class, BalancerBench.class, LabelerBench.class, FootprintBench.class, DetectorBench.class, SoakBench.class,
        StrategiesBench.class, RealtimeBench.class, ScaleBench.class})
public final class Bench implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }
}
