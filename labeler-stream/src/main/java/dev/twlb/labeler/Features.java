package dev.twlb.labeler;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.twlb.labeler.state.ScrapePoint;
import dev.twlb.labeler.state.WindowAccumulator;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.TransitionReason;
import java.time.Instant;
import java.util.function.Function;

/** Turns a closed window's accumulator and its label into a dataset row, with the seed's columns and units first. */
final class Features {
  private static final double MIB = 1024.0 * 1024.0;
  private static final double[] QUANTILES = {0.50, 0.95, 0.99};

  private Features() {}

  /** @param latencies the window's latency sketch, beside its other counters in {@code acc} */
  static LabeledWindow row(String nodeId, long start, long end, WindowAccumulator acc, DDSketch latencies, GroundTruth.Label label) {
    boolean answered = !latencies.isEmpty();
    double[] quantiles = answered ? latencies.getValuesAtQuantiles(QUANTILES) : null; // one count of the sketch for all three
    Double observedMean = acc.getAnsweredCount() > 0 ? acc.getAnsweredLatencySumMs() / acc.getAnsweredCount() : null;
    Double reportedMean = acc.getReportCount() > 0 ? acc.getReportedLatencySumMs() / acc.getReportCount() : null;
    ScrapePoint last = acc.getLast();
    TransitionReason reason = transitionReason(label, acc);
    return LabeledWindow.newBuilder()
        .setTimestamp(Instant.ofEpochMilli(start))
        .setNodeId(nodeId)
        .setAvgLatencySeconds(acc.getOkCount() > 0 ? acc.getOkLatencySumMs() / acc.getOkCount() / 1000.0 : null)
        .setError500Count(acc.getError500Count())
        .setCpuUsageRate(rate(acc, ScrapePoint::getCpuSeconds, 1.0))
        .setResidentMemMb(last == null || last.getResidentBytes() == null ? null : last.getResidentBytes() / MIB)
        .setFaultType(label.faultType())
        .setRunId(label.runId())
        .setEpochId(label.epochId())
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(end))
        .setLabelPurity(label.purity())
        .setIsTransition(reason != null)
        .setTransitionReason(reason == null ? null : reason.wireName())
        .setRequestCount(acc.getRequestCount())
        .setOkCount(acc.getOkCount())
        .setHttpErrorCount(acc.getHttpErrorCount())
        .setTimeoutCount(acc.getTimeoutCount())
        .setConnectErrorCount(acc.getConnectErrorCount())
        .setResetCount(acc.getResetCount())
        .setBadResponseCount(acc.getBadResponseCount())
        .setSuccessRate(acc.getRequestCount() > 0 ? acc.getOkCount() / (double) acc.getRequestCount() : null)
        .setLatencyP50Ms(answered ? quantiles[0] : null)
        .setLatencyP95Ms(answered ? quantiles[1] : null)
        .setLatencyP99Ms(answered ? quantiles[2] : null)
        .setLatencyMaxMs(answered ? latencies.getMaxValue() : null)
        .setReportedLatencyMeanMs(reportedMean)
        .setLatencyGapMs(observedMean != null && reportedMean != null ? observedMean - reportedMean : null)
        .setReportCount(acc.getReportCount())
        .setReportGap(Math.max(0, acc.getRequestCount() - acc.getReportCount()))
        .setScrapeCount(acc.getScrapeCount())
        .setScrapeUpRatio(acc.getScrapeCount() > 0 ? acc.getScrapeUpCount() / (double) acc.getScrapeCount() : null)
        .setHeapUsedMb(last == null || last.getHeapBytes() == null ? null : last.getHeapBytes() / MIB)
        .setResidentMemGrowthMbPerS(rate(acc, ScrapePoint::getResidentBytes, MIB))
        .setHeapGrowthMbPerS(rate(acc, ScrapePoint::getHeapBytes, MIB))
        .setRateSpanMs(span(acc) > 0 ? span(acc) : null)
        .build();
  }

  /**
   * The early window {@code row} with what its last second ({@code recent}, folded the same way) showed: a fault that
   * began inside the window fills its last second first.
   */
  static LabeledWindow withRecent(LabeledWindow row, OpenWindow recent) {
    WindowAccumulator acc = recent.counters();
    DDSketch latencies = recent.latencies();
    row.setRecentRequestCount(acc.getRequestCount());
    row.setRecentOkCount(acc.getOkCount());
    row.setRecentHttpErrorCount(acc.getHttpErrorCount());
    row.setRecentLatencyP50Ms(latencies.isEmpty() ? null : latencies.getValueAtQuantile(0.5));
    row.setRecentCpuUsageRate(rate(acc, ScrapePoint::getCpuSeconds, 1.0));
    return row;
  }

  /**
   * Why the window is not a clean example of its label (the first that applies, in {@link TransitionReason}'s order), or
   * null when it is one.
   */
  static TransitionReason transitionReason(GroundTruth.Label label, WindowAccumulator acc) {
    if (!label.confirmed()) {
      return TransitionReason.FAULT_NOT_APPLIED;
    }
    if (label.crashRecovery()) {
      return TransitionReason.CRASH_RECOVERY;
    }
    if (acc.getRestarted()) {
      return TransitionReason.NODE_RESTART;
    }
    boolean refused = acc.getConnectErrorCount() > 0 || acc.getScrapeRefusedCount() > 0;
    if (refused && !FaultType.refusesConnections(label.faultType())) {
      return TransitionReason.NODE_DOWN;
    }
    return label.purity() < 1.0 ? TransitionReason.ASSIGNMENT_CHANGE : null;
  }

  /** Increase per second of one of the scraped values from the rates' first point to the window's last, in {@code unit}s. */
  private static Double rate(WindowAccumulator acc, Function<ScrapePoint, Double> value, double unit) {
    if (span(acc) <= 0) {
      return null;
    }
    Double from = value.apply(acc.getFirst());
    Double to = value.apply(acc.getLast());
    return from == null || to == null ? null : (to - from) / unit / (span(acc) / 1000.0);
  }

  private static long span(WindowAccumulator acc) {
    return acc.getFirst() == null ? 0 : acc.getLast().getTsMs() - acc.getFirst().getTsMs();
  }
}
