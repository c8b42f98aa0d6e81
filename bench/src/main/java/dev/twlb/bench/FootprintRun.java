package dev.twlb.bench;

import dev.twlb.detector.DatasetReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/** One {@code twlb run} watched from outside until it ends: memory, CPU, lag, first file, and its rows. Memory in bytes, -1 where not reached. */
record FootprintRun(String command, int processes, double nodesHealthySeconds, double firstFileSeconds, long pssAtMinute, long runPssAtMinute, long pssLater,
    long medianPss, long medianLastFiveMinutes, List<Long> medianByMinute, long peakPss, double runCpuSeconds, double nodesCpuSeconds, long labelerLag, long sinkLag, long windows, long completeWindows,
    double seconds) {
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(2);

  /**
   * @param later when the second memory figure is taken
   * @param nodes how many nodes should have a row in every window
   */
  static FootprintRun watch(String command, Process run, Path data, String bootstrap, Duration later, int nodes) throws Exception {
    long started = System.nanoTime();
    double firstFile = -1;
    double nodesHealthy = -1;
    long atMinute = -1;
    long runAtMinute = -1;
    long atLater = -1;
    long peak = 0;
    Map<Integer, List<Long>> byMinute = new TreeMap<>(); // samples from 1 min in, by minute
    int processes = 0;
    long labelerLag = 0;
    long sinkLag = 0;
    double runCpu = 0;
    Map<Long, Double> nodeCpu = new HashMap<>();
    try (ConsumerLag lag = new ConsumerLag(bootstrap)) {
      while (run.isAlive()) {
        double seconds = (System.nanoTime() - started) / 1e9;
        List<ProcessHandle> children = run.descendants().toList();
        long runPss = ProcMemory.pss(run.toHandle());
        long all = runPss + children.stream().mapToLong(ProcMemory::pss).sum();
        peak = Math.max(peak, all);
        if (seconds >= 60) {
          byMinute.computeIfAbsent((int) (seconds / 60), m -> new ArrayList<>()).add(all);
        }
        processes = Math.max(processes, 1 + children.size());
        runCpu = Math.max(runCpu, cpuSeconds(run.toHandle()));
        children.forEach(c -> nodeCpu.merge(c.pid(), cpuSeconds(c), Math::max));
        if (seconds > 30) { // the groups exist by then
          labelerLag = Math.max(labelerLag, lag.of(ConsumerLag.LABELER_GROUP));
          sinkLag = Math.max(sinkLag, lag.of(ConsumerLag.SINK_GROUP));
        }
        if (nodesHealthy < 0 && Files.readString(data.resolve("run.log")).contains("nodes healthy")) {
          nodesHealthy = seconds;
        }
        if (firstFile < 0 && hasParquet(data)) {
          firstFile = seconds;
          System.out.printf("  first labeled file after %.1f s%n", firstFile);
        }
        if (atMinute < 0 && seconds >= 60) {
          atMinute = all;
          runAtMinute = runPss;
          System.out.printf("  1 min in: %.0f MiB in %d processes%n", all / ProcMemory.MIB, 1 + children.size());
        }
        if (atLater < 0 && seconds >= later.toSeconds()) {
          atLater = all;
          System.out.printf("  %d min in: %.0f MiB in %d processes%n", later.toMinutes(), all / ProcMemory.MIB, 1 + children.size());
        }
        Thread.sleep(SAMPLE_EVERY.toMillis());
      }
    }
    if (run.exitValue() != 0) {
      throw new IllegalStateException("twlb run ended with " + run.exitValue() + "; see " + data.resolve("run.log"));
    }
    Map<Long, Set<String>> nodesByWindow = new HashMap<>();
    DatasetReader.forEachRow(List.of(data), r -> {
      if (r.get("epoch_id") != null) {
        nodesByWindow.computeIfAbsent(DatasetReader.millis(r.get("window_start")), w -> new HashSet<>()).add(r.get("node_id").toString());
      }
    });
    long complete = nodesByWindow.values().stream().filter(n -> n.size() == nodes).count();
    List<Long> medians = byMinute.values().stream().map(FootprintRun::median).toList();
    List<Long> fromMinute = byMinute.values().stream().flatMap(List::stream).toList();
    List<Long> lastFive = medians.size() < 5 ? List.of() : byMinute.values().stream().skip(medians.size() - 5).flatMap(List::stream).toList();
    return new FootprintRun(command, processes, nodesHealthy, firstFile, atMinute, runAtMinute, atLater, median(fromMinute), median(lastFive),
        medians, peak, runCpu,
        nodeCpu.values().stream().mapToDouble(Double::doubleValue).sum(), labelerLag, sinkLag, nodesByWindow.size(), complete,
        (System.nanoTime() - started) / 1e9);
  }

  /** The median of {@code samples}, or -1 when there are none. */
  private static long median(List<Long> samples) {
    return samples.isEmpty() ? -1 : samples.stream().sorted().toList().get(samples.size() / 2);
  }

  private static double cpuSeconds(ProcessHandle process) {
    return process.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
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
