package dev.twlb.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command line of TW-LB: one subcommand per service, plus the embedded infrastructure. */
@Command(
    name = "twlb",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Testbed for Byzantine fault detection: runs a load-balanced cluster, injects faults, "
        + "and streams a labeled dataset through Kafka.",
    subcommands = {RunCommand.class, BrokerCommand.class, TopicsCommand.class, RegistryCommand.class, NodeCommand.class, NodeHostCommand.class, SchedulerCommand.class,
        LbCommand.class, TrafficCommand.class, MetricsBridgeCommand.class, LabelerCommand.class, RelabelCommand.class, SinkCommand.class, TrainCommand.class, DetectCommand.class, ReportCommand.class, CompactCommand.class,
        CommandLine.HelpCommand.class})
public final class Twlb implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Twlb())
        .setDefaultValueProvider(new ConfigDefaults())
        .setParameterExceptionHandler(new CliErrors())
        .setExecutionExceptionHandler(new CliErrors());
  }
}
