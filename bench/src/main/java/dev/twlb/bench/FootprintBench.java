package dev.twlb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "footprint", mixinStandardHelpOptions = true,
    description = "twlb run with 15 nodes: resident memory of all its processes, and time to the first labeled row in a finished file.")
final class FootprintBench implements Callable<Integer> {
  @Option(names = "--jar", defaultValue = "app/target/twlb.jar", description = "The twlb jar. Default: ${DEFAULT-VALUE}.")
  Path jar;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Override
  public Integer call() throws Exception {
    Path data = Files.createTempDirectory("twlb-footprint");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toString(), "run", "--epochs", "2", "--epoch-duration", "40s", "--data-dir", data.toString(),
        "--broker-port", "0"));
    long started = System.nanoTime();
    Process run = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(data.resolve("run.log").toFile()).start();
    double firstFileSeconds = -1;
    long peakRss = 0;
    long steadyRss = 0;
    int processes = 0;
    while (run.isAlive()) {
      long rss = SoakSample.rss(run.toHandle());
      for (ProcessHandle child : run.descendants().toList()) {
        rss += SoakSample.rss(child);
      }
      peakRss = Math.max(peakRss, rss);
      if (firstFileSeconds < 0 && hasParquet(data)) {
        firstFileSeconds = (System.nanoTime() - started) / 1e9;
        steadyRss = rss;
        processes = 1 + (int) run.descendants().count();
      }
      Thread.sleep(500);
    }
    new Report("footprint", "measure", "value")
        .row("processes (twlb run + nodes)", processes)
        .row("resident memory, all processes, when the first file appeared (MiB)", steadyRss / 1024.0 / 1024.0)
        .row("peak resident memory, all processes (MiB)", peakRss / 1024.0 / 1024.0)
        .row("start to first labeled row in a finished file (s)", firstFileSeconds)
        .fact("run", "twlb run --epochs 2 --epoch-duration 40s (15 nodes, 5 s windows, 30 s file rotation)")
        .print(results);
    return 0;
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
