package dev.twlb.bench;

import dev.twlb.servicekit.DurationConverter;
import dev.twlb.servicekit.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What {@code twlb run} with 15 nodes costs a laptop: the proportional set size of all its processes (shared pages
 * divided among the processes that share them, so the sum is what the machine spends) one minute in and at the end,
 * and the time from start to the first labeled file. Twice: a first run that makes the nodes' class archive, then the
 * measured run that shares it, as every run after the first does.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
    description = {"twlb run with 15 nodes: proportional set size of all its processes one minute in and at the end, and the",
        "time from start to the first labeled file; a first short run makes the nodes' class archive, the measured run",
        "shares it. Writes footprint.json."})
final class FootprintBench implements Callable<Integer> {
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

  @Option(names = "--duration", defaultValue = "6m", converter = DurationConverter.class,
      description = "How long the measured run lasts (whole minute-long epochs). Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--heap", defaultValue = "256m", description = "Heap of the twlb run process, as for twlb-bench soak. Default: ${DEFAULT-VALUE}.")
  String heap;

  @Option(names = "--jar", defaultValue = "app/target/twlb.jar", description = "The twlb jar. Default: ${DEFAULT-VALUE}.")
  Path jar;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
  Path results;

  /** One run's figures; memory in bytes, -1 where the run did not last that long. */
  record Footprint(String command, int processes, double firstFileSeconds, long pssAtMinute, long runPssAtMinute,
      long nodePssAtMinute, long pssLater, long peakPss, double seconds) {
  }

  @Override
  public Integer call() throws Exception {
    Path archives = Files.createTempDirectory("twlb-class-archive");
    Footprint first = measure(archives, 1, Duration.ofSeconds(20));
    Footprint shared = measure(archives, Math.max(1, duration.toMinutes()), Duration.ofMinutes(1));
    Report report = new Report("footprint", "measure", "first run (makes the nodes' class archive)", "any later run (shares it)");
    report.row("processes (twlb run + nodes)", first.processes(), shared.processes())
        .row("start to the first labeled file (s)", first.firstFileSeconds(), shared.firstFileSeconds())
        .row("proportional set size, all processes, 1 min in (MiB)", mib(first.pssAtMinute()), mib(shared.pssAtMinute()))
        .row("  of which twlb run (broker, registry, labeler, sink, balancer, bridge) (MiB)", mib(first.runPssAtMinute()), mib(shared.runPssAtMinute()))
        .row("  of which a node, on average (MiB)", mib(first.nodePssAtMinute()), mib(shared.nodePssAtMinute()))
        .row("proportional set size, all processes, " + duration.toMinutes() + " min in (MiB)", mib(first.pssLater()), mib(shared.pssLater()))
        .row("peak proportional set size, all processes (MiB)", mib(first.peakPss()), mib(shared.peakPss()))
        .row("run length (s)", first.seconds(), shared.seconds())
        .fact("first run", first.command())
        .fact("measured run", shared.command())
        .fact("before (bench/results/footprint-before.json, 2026-11-24; issue #17)",
            "16 processes, 3.7 GiB proportional set size 1 min in, 4.05 GiB after 6 min, 86 s to the first file")
        .print(results);
    return 0;
  }

  private Footprint measure(Path archives, long epochs, Duration epochDuration) throws Exception {
    Path data = Files.createTempDirectory("twlb-footprint");
    List<String> command = ChildRun.command(jar, heap, List.of(), List.of("--epochs", Long.toString(epochs),
        "--epoch-duration", epochDuration.toSeconds() + "s", "--data-dir", data.toString(), "--class-archive-dir", archives.toString(),
        "--broker-port", Integer.toString(FreePort.pick("localhost")), "--registry-port", Integer.toString(FreePort.pick("localhost")),
        "--lb-port", Integer.toString(FreePort.pick("localhost")), "--node-base-port", "33001", "--service-port-base", "33401"));
    String shown = ChildRun.shown(command, jar) + " --epochs " + epochs + " --epoch-duration " + epochDuration.toSeconds() + "s";
    System.out.println("footprint: " + shown + ", log in " + data.resolve("run.log"));
    long started = System.nanoTime();
    Process run = ChildRun.start(command, data.resolve("run.log"));
    double firstFile = -1;
    long atMinute = -1;
    long runAtMinute = -1;
    long nodeAtMinute = -1;
    long later = -1;
    long peak = 0;
    int processes = 0;
    while (run.isAlive()) {
      double seconds = (System.nanoTime() - started) / 1e9;
      List<ProcessHandle> nodes = run.descendants().toList();
      long runPss = ProcMemory.pss(run.toHandle());
      long nodesPss = nodes.stream().mapToLong(ProcMemory::pss).sum();
      long all = runPss + nodesPss;
      peak = Math.max(peak, all);
      processes = Math.max(processes, 1 + nodes.size());
      if (firstFile < 0 && hasParquet(data)) {
        firstFile = seconds;
        System.out.printf("  first labeled file after %.1f s%n", firstFile);
      }
      if (atMinute < 0 && seconds >= 60) {
        atMinute = all;
        runAtMinute = runPss;
        nodeAtMinute = nodes.isEmpty() ? 0 : nodesPss / nodes.size();
        System.out.printf("  1 min in: %.0f MiB in %d processes%n", mib(all), 1 + nodes.size());
      }
      if (later < 0 && seconds >= duration.toSeconds()) {
        later = all;
        System.out.printf("  %d min in: %.0f MiB in %d processes%n", duration.toMinutes(), mib(all), 1 + nodes.size());
      }
      Thread.sleep(SAMPLE_EVERY.toMillis());
    }
    if (run.exitValue() != 0) {
      throw new IllegalStateException("twlb run ended with " + run.exitValue() + "; see " + data.resolve("run.log"));
    }
    return new Footprint(shown, processes, firstFile, atMinute, runAtMinute, nodeAtMinute, later, peak, (System.nanoTime() - started) / 1e9);
  }

  private static double mib(long bytes) {
    return bytes < 0 ? -1 : Math.round(bytes / ProcMemory.MIB);
  }

  private static boolean hasParquet(Path data) throws IOException {
    Path dir = data.resolve("parquet");
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."));
    }
  }
}
