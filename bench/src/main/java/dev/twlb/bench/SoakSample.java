package dev.twlb.bench;

import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** One look at a running {@code twlb run}: memory of its own process and of its nodes, and its consumers' lag. */
record SoakSample(double seconds, double runRssMiB, double nodeRssMiB, int nodes, long labelerLag, long sinkLag) {
  private static final double MIB = ProcMemory.MIB;

  static SoakSample take(double seconds, ProcessHandle run, ConsumerLag lag) {
    List<ProcessHandle> nodes = run.descendants().toList();
    long nodeRss = nodes.stream().mapToLong(ProcMemory::rss).sum();
    return new SoakSample(seconds, ProcMemory.rss(run) / MIB, nodeRss / MIB, nodes.size(), lag.of(ConsumerLag.LABELER_GROUP),
        lag.of(ConsumerLag.SINK_GROUP));
  }

  String progressLine() {
    return String.format("%6.1f min  twlb run %5.0f MiB  %2d nodes %6.0f MiB  lag: labeler %d, sink %d", seconds / 60, runRssMiB,
        nodes, nodeRssMiB, labelerLag, sinkLag);
  }

  /** A value's first, last and largest sample after the warm-up, and its least-squares slope per hour. */
  record Trend(double first, double last, double max, double perHour) {
    String text() {
      return String.format("%.0f / %.0f / %.0f, trend %+.1f an hour", first, last, max, perHour);
    }
  }

  static Trend trend(List<SoakSample> samples, Duration warmUp, ToDoubleFunction<SoakSample> value) {
    List<SoakSample> after = samples.stream().filter(s -> s.seconds() >= warmUp.toSeconds()).toList();
    if (after.isEmpty()) {
      after = samples;
    }
    if (after.isEmpty()) {
      return new Trend(0, 0, 0, 0);
    }
    return new Trend(value.applyAsDouble(after.get(0)), value.applyAsDouble(after.get(after.size() - 1)),
        after.stream().mapToDouble(value).max().orElse(0), slopePerHour(after, value));
  }

  private static double slopePerHour(List<SoakSample> samples, ToDoubleFunction<SoakSample> value) {
    double meanT = samples.stream().mapToDouble(SoakSample::seconds).average().orElse(0);
    double meanV = samples.stream().mapToDouble(value).average().orElse(0);
    double covariance = 0;
    double variance = 0;
    for (SoakSample s : samples) {
      covariance += (s.seconds() - meanT) * (value.applyAsDouble(s) - meanV);
      variance += (s.seconds() - meanT) * (s.seconds() - meanT);
    }
    return variance == 0 ? 0 : covariance / variance * 3600;
  }
}
