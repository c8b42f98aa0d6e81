package dev.twlb.app;

import java.util.Arrays;
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
        LbCommand.class, TrafficCommand.class, MetricsBridgeCommand.class, LabelerCommand.class, RelabelCommand.class, SinkCommand.class, TrainCommand.class, EvaluateCommand.class, DetectCommand.class, ReportCommand.class, CompactCommand.class, ComposeFileCommand.class,
        CommandLine.HelpCommand.class})
public final class Twlb implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("node")) {
      // A node builds its own command only: the supervisor starts every node at once, and building all commands
      // cost each node process about a tenth of its start-up CPU.
      System.exit(configured(new CommandLine(new NodeCommand()).setCommandName("twlb node")).execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return configured(new CommandLine(new Twlb()));
  }

  private static CommandLine configured(CommandLine commandLine) {
    return commandLine
        .setDefaultValueProvider(new ConfigDefaults())
        .setParameterExceptionHandler(new CliErrors())
        .setExecutionExceptionHandler(new CliErrors());
  }
}
