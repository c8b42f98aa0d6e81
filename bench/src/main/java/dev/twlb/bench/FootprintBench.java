package dev.twlb.bench;

import dev.twlb.nodes.server.NodeServer;
import dev.twlb.servicekit.DurationConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code twlb run} costs a laptop: the proportional set size of all its processes (shared pages divided among
 * the processes that share them, so the sum is what the machine spends) one minute in and later, CPU time per
 * process, consumer lag, the time from start to the first labeled file, and whether every node has a row in every
 * window. With one process per node, twice: a first run that makes the nodes' class archive, then the measured run
 * that shares it, as every run after the first does.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
    description = {"twlb run: proportional set size of all its processes 1 min in and later, CPU per process, lag, time",
        "from start to the first labeled file, rows of every node in every window. With one process per node a first",
        "short run makes the nodes' class archive and the measured run shares it. Writes footprint[-<nodes>].json."})
final class FootprintBench implements Callable<Integer> {
  @Option(names = "--duration", defaultValue = "20m", converter = DurationConverter.class,
      description = "How long the measured run lasts (whole minute-long epochs). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--nodes", defaultValue = "15", description = "Nodes of the run. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--node-hosting", defaultValue = "process", paramLabel = "process|shared",
      description = "twlb run's --node-hosting. Default: ${DEFAULT-VALUE}.")
  String hosting;

  @Option(names = "--heap", defaultValue = ChildRun.RUN_LINE_HEAP, description = "Heap of the twlb run process, as for twlb-bench soak. Default: ${DEFAULT-VALUE}.")
  String heap;

  @Mixin
  JarOptions files;

  @Override
  public Integer call() throws Exception {
    Path nodeJar = files.jar.resolveSibling(NodeServer.JAR);
    boolean packaged = Files.isRegularFile(nodeJar);
    if (!packaged) {
      System.out.println("footprint: WARNING no " + nodeJar + ": the nodes run from the whole jar, ~3.4 MiB more heap"
          + " each than in a packaged build (mvn package builds both jars)");
    }
    Path archives = Files.createTempDirectory("twlb-class-archive");
    List<FootprintRun> runs = new ArrayList<>();
    List<String> columns = new ArrayList<>(List.of("measure"));
    if (hosting.equals("process")) {
      runs.add(measure(archives, 1, Duration.ofSeconds(20)));
      columns.add("first run (makes the nodes' class archive)");
      columns.add("any later run (shares it)");
    } else {
      columns.add("run");
    }
    runs.add(measure(archives, Math.max(1, duration.toMinutes()), Duration.ofMinutes(1)));
    Report report = new Report(nodes == 15 ? "footprint" : "footprint-" + nodes, columns.toArray(String[]::new));
    row(report, runs, "processes (twlb run + node processes)", r -> r.processes());
    row(report, runs, "start to every node healthy (s)", r -> r.nodesHealthySeconds());
    row(report, runs, "start to the first labeled file (s)", r -> r.firstFileSeconds());
    row(report, runs, "proportional set size, all processes, 1 min in (MiB)", r -> mib(r.pssAtMinute()));
    row(report, runs, "  of which twlb run (broker, registry, labeler, sink, balancer, bridge) (MiB)", r -> mib(r.runPssAtMinute()));
    row(report, runs, "  of which the node processes (MiB)", r -> r.pssAtMinute() < 0 ? "-" : mib(r.pssAtMinute() - r.runPssAtMinute()));
    row(report, runs, "proportional set size, all processes, " + duration.toMinutes() + " min in (MiB)", r -> mib(r.pssLater()));
    row(report, runs, "median proportional set size from 1 min in, all processes, sampled every 2 s (MiB)", r -> mib(r.medianPss()));
    row(report, runs, "median proportional set size of the last 5 minutes, all processes (MiB)", r -> mib(r.medianLastFiveMinutes()));
    row(report, runs, "peak proportional set size, all processes (MiB)", r -> mib(r.peakPss()));
    row(report, runs, "CPU time of twlb run (s)", r -> r.runCpuSeconds());
    row(report, runs, "CPU time of the node processes (s)", r -> r.nodesCpuSeconds());
    row(report, runs, "largest consumer lag, labeler / sink (records)", r -> r.labelerLag() + " / " + r.sinkLag());
    row(report, runs, "windows with a row of every node / windows", r -> r.completeWindows() + " / " + r.windows());
    row(report, runs, "run length (s)", r -> r.seconds());
    for (FootprintRun run : runs) {
      report.fact(runs.size() > 1 && run == runs.get(0) ? "first run" : "measured run", run.command());
    }
    report.fact("nodes' jar", packaged ? nodeJar.toString() : "none beside " + files.jar + ": the nodes ran from it");
    FootprintRun measured = runs.get(runs.size() - 1);
    report.fact("median proportional set size of each minute from minute 1, measured run (MiB)",
        measured.medianByMinute().stream().map(FootprintBench::mib).toList().toString());
    if (nodes == 15 && hosting.equals("process")) {
      report.fact("before (bench/results/footprint-before.json, 2026-11-24; issue #17)",
          "16 processes, 3.7 GiB proportional set size 1 min in, 4.05 GiB after 6 min, 86 s to the first file");
    }
    report.print(files.results);
    return runs.stream().allMatch(r -> r.completeWindows() == r.windows()) ? 0 : 1;
  }

  private static void row(Report report, List<FootprintRun> runs, String measure, java.util.function.Function<FootprintRun, Object> value) {
    List<Object> cells = new ArrayList<>(List.of(measure));
    runs.forEach(r -> cells.add(value.apply(r)));
    report.row(cells.toArray());
  }

  private FootprintRun measure(Path archives, long epochs, Duration epochDuration) throws Exception {
    Path data = Files.createTempDirectory("twlb-footprint");
    PortBlock ports = PortBlock.pick(nodes);
    List<String> args = new ArrayList<>(List.of("--nodes", Integer.toString(nodes), "--node-hosting", hosting,
        "--epochs", Long.toString(epochs), "--epoch-duration", epochDuration.toSeconds() + "s",
        "--data-dir", data.toString(), "--class-archive-dir", archives.toString()));
    args.addAll(ports.runArgs());
    List<String> command = ChildRun.command(files.jar, heap, List.of(), args);
    String shown = ChildRun.shown(command, files.jar) + " --nodes " + nodes + " --node-hosting " + hosting + " --epochs " + epochs
        + " --epoch-duration " + epochDuration.toSeconds() + "s";
    System.out.println("footprint: " + shown + ", log in " + data.resolve("run.log"));
    return FootprintRun.watch(shown, ChildRun.start(command, data.resolve("run.log")), data, ports.bootstrapServers(), duration, nodes);
  }

  /** MiB, or "-" for a figure the run did not last long enough to take. */
  private static Object mib(long bytes) {
    return bytes < 0 ? "-" : Math.round(bytes / ProcMemory.MIB);
  }
}
