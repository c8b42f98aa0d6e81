package dev.twlb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One look at a running {@code twlb run}: memory of its own process and of its nodes, and its consumers' lag. */
record SoakSample(double seconds, double runRssMiB, double nodeRssMiB, int nodes, long labelerLag, long sinkLag) {
  private static final double MIB = 1024.0 * 1024.0;

  static SoakSample take(double seconds, ProcessHandle run, ConsumerLag lag) {
    List<ProcessHandle> nodes = run.descendants().toList();
    long nodeRss = nodes.stream().mapToLong(SoakSample::rss).sum();
    return new SoakSample(seconds, rss(run) / MIB, nodeRss / MIB, nodes.size(), lag.of(ConsumerLag.LABELER_GROUP),
        lag.of(ConsumerLag.SINK_GROUP));
  }

  String progressLine() {
    return String.format("%6.1f min  twlb run %5.0f MiB  %2d nodes %6.0f MiB  lag: labeler %d, sink %d", seconds / 60, runRssMiB,
        nodes, nodeRssMiB, labelerLag, sinkLag);
  }

  /** A value's first, last and largest sample after the warm-up. */
  record Trend(double first, double last, double max) {
    String text() {
      return String.format("%.0f / %.0f / %.0f", first, last, max);
    }
  }

  static Trend trend(List<SoakSample> samples, Duration warmUp, ToDoubleFunction<SoakSample> value) {
    List<SoakSample> after = samples.stream().filter(s -> s.seconds() >= warmUp.toSeconds()).toList();
    if (after.isEmpty()) {
      after = samples;
    }
    if (after.isEmpty()) {
      return new Trend(0, 0, 0);
    }
    return new Trend(value.applyAsDouble(after.get(0)), value.applyAsDouble(after.get(after.size() - 1)),
        after.stream().mapToDouble(value).max().orElse(0));
  }

  /** Resident set size of a process, from /proc (0 where that is not readable, e.g. it just ended). */
  static long rss(ProcessHandle process) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process just ended
    }
    return 0;
  }
}
