package dev.twlb.sink;

import dev.twlb.schemas.LabeledWindow;
import java.time.Instant;

/** Rows for tests; {@code request_count} carries a sequence number, so a reader can tell every row apart. */
public final class Rows {
  private Rows() {}

  public static LabeledWindow row(long sequence, Instant windowStart, String fault) {
    return LabeledWindow.newBuilder().setTimestamp(windowStart).setNodeId("node-" + (sequence % 15 + 1))
        .setAvgLatencySeconds(sequence % 3 == 0 ? null : 0.002).setError500Count(0).setCpuUsageRate(0.5)
        .setResidentMemMb(140.0).setFaultType(fault).setRunId("run-1").setEpochId(sequence / 100)
        .setWindowStart(windowStart).setWindowEnd(windowStart.plusSeconds(5)).setLabelPurity(1.0).setIsTransition(false)
        .setRequestCount(sequence).setOkCount(0).setHttpErrorCount(0).setTimeoutCount(0).setConnectErrorCount(0)
        .setResetCount(0).setBadResponseCount(0).setSuccessRate(null).setLatencyP50Ms(2.0).setLatencyP95Ms(3.0)
        .setLatencyP99Ms(4.0).setLatencyMaxMs(5.0).setReportedLatencyMeanMs(2.0).setLatencyGapMs(0.0).setReportCount(0)
        .setReportGap(0).setScrapeCount(2).setScrapeUpRatio(1.0).setHeapUsedMb(40.0).build();
  }
}
