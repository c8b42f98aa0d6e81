package dev.twlb.bench;

import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.schemas.LabeledWindow;
import java.time.Instant;
import java.util.SplittableRandom;

/** Realistic labeled rows for the sink benchmark: 15 nodes, 5 s windows, varied features. */
final class SyntheticRows {
  private static final String[] FAULTS = {"benign", "benign", "benign", "benign", "delay", "crash", "500-error", "lie-latency"};

  private SyntheticRows() {}

  static LabeledWindow row(long i, SplittableRandom random) {
    Instant start = Instant.parse("2026-11-24T00:00:00Z").plusSeconds(5 * (i / 15));
    long requests = 10 + random.nextInt(10);
    long ok = requests - random.nextInt(3);
    return LabeledWindow.newBuilder().setTimestamp(start).setNodeId(NodeList.nodeId((int) (i % 15) + 1))
        .setAvgLatencySeconds(0.002 + random.nextDouble() / 100).setError500Count(random.nextInt(2))
        .setCpuUsageRate(random.nextDouble()).setResidentMemMb(100 + random.nextDouble() * 50)
        .setFaultType(FAULTS[random.nextInt(FAULTS.length)]).setRunId("run-bench").setEpochId(i / 180)
        .setWindowStart(start).setWindowEnd(start.plusSeconds(5)).setLabelPurity(1.0).setIsTransition(false)
        .setRequestCount(requests).setOkCount(ok).setHttpErrorCount(requests - ok).setTimeoutCount(0)
        .setConnectErrorCount(0).setResetCount(0).setBadResponseCount(0).setSuccessRate(ok / (double) requests)
        .setLatencyP50Ms(2 + random.nextDouble()).setLatencyP95Ms(4 + random.nextDouble())
        .setLatencyP99Ms(6 + random.nextDouble()).setLatencyMaxMs(9 + random.nextDouble())
        .setReportedLatencyMeanMs(2.0).setLatencyGapMs(random.nextDouble()).setReportCount(requests).setReportGap(0)
        .setScrapeCount(2).setScrapeUpRatio(1.0).setHeapUsedMb(40 + random.nextDouble() * 10).build();
  }
}
