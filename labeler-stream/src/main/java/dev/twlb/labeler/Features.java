package dev.twlb.labeler;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.twlb.labeler.state.WindowAccumulator;
import dev.twlb.schemas.LabeledWindow;
import java.time.Instant;

/** Turns a closed window's accumulator and its label into a dataset row, with the seed's columns and units first. */
final class Features {
  private static final double MIB = 1024.0 * 1024.0;

  private Features() {}

  static LabeledWindow row(String nodeId, long start, long end, WindowAccumulator acc, GroundTruth.Label label) {
    DDSketch sketch = Accumulator.sketchOf(acc);
    boolean answered = !sketch.isEmpty();
    Double observedMean = acc.getAnsweredCount() > 0 ? acc.getAnsweredLatencySumMs() / acc.getAnsweredCount() : null;
    Double reportedMean = acc.getReportCount() > 0 ? acc.getReportedLatencySumMs() / acc.getReportCount() : null;
    return LabeledWindow.newBuilder()
        .setTimestamp(Instant.ofEpochMilli(start))
        .setNodeId(nodeId)
        .setAvgLatencySeconds(acc.getOkCount() > 0 ? acc.getOkLatencySumMs() / acc.getOkCount() / 1000.0 : null)
        .setError500Count(acc.getError500Count())
        .setCpuUsageRate(cpuRate(acc))
        .setResidentMemMb(acc.getLastResidentBytes() == null ? null : acc.getLastResidentBytes() / MIB)
        .setFaultType(label.faultType())
        .setRunId(label.runId())
        .setEpochId(label.epochId())
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(end))
        .setLabelPurity(label.purity())
        .setIsTransition(label.purity() < 1.0 || label.crashRecovery() || acc.getRestarted())
        .setRequestCount(acc.getRequestCount())
        .setOkCount(acc.getOkCount())
        .setHttpErrorCount(acc.getHttpErrorCount())
        .setTimeoutCount(acc.getTimeoutCount())
        .setConnectErrorCount(acc.getConnectErrorCount())
        .setResetCount(acc.getResetCount())
        .setBadResponseCount(acc.getBadResponseCount())
        .setSuccessRate(acc.getRequestCount() > 0 ? acc.getOkCount() / (double) acc.getRequestCount() : null)
        .setLatencyP50Ms(answered ? sketch.getValueAtQuantile(0.50) : null)
        .setLatencyP95Ms(answered ? sketch.getValueAtQuantile(0.95) : null)
        .setLatencyP99Ms(answered ? sketch.getValueAtQuantile(0.99) : null)
        .setLatencyMaxMs(answered ? sketch.getMaxValue() : null)
        .setReportedLatencyMeanMs(reportedMean)
        .setLatencyGapMs(observedMean != null && reportedMean != null ? observedMean - reportedMean : null)
        .setReportCount(acc.getReportCount())
        .setReportGap(Math.max(0, acc.getRequestCount() - acc.getReportCount()))
        .setScrapeCount(acc.getScrapeCount())
        .setScrapeUpRatio(acc.getScrapeCount() > 0 ? acc.getScrapeUpCount() / (double) acc.getScrapeCount() : null)
        .setHeapUsedMb(acc.getLastHeapBytes() == null ? null : acc.getLastHeapBytes() / MIB)
        .build();
  }

  /** CPU seconds per second between the window's first and last successful scrape (after a restart: since it). */
  private static Double cpuRate(WindowAccumulator acc) {
    if (acc.getFirstCpu() == null || acc.getLastCpuTs() <= acc.getFirstCpuTs()) {
      return null;
    }
    return (acc.getLastCpu() - acc.getFirstCpu()) / ((acc.getLastCpuTs() - acc.getFirstCpuTs()) / 1000.0);
  }
}
