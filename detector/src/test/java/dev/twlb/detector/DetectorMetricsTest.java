package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultDetection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DetectorMetricsTest {
  private final DetectorMetrics metrics = new DetectorMetrics(100, 0);

  /** The verdict on node-1's window [end - 3 s, end), detected 300 ms after it ended, with the given label. */
  private static FaultDetection verdict(long endMs, String predicted, String trueFault) {
    return FaultDetection.newBuilder().setNodeId("node-1").setWindowStart(Instant.ofEpochMilli(endMs - 3_000))
        .setWindowEnd(Instant.ofEpochMilli(endMs)).setPredictedFault(predicted).setScore(1).setModelId("m")
        .setDetectedAt(Instant.ofEpochMilli(endMs + 300)).setTrueFault(trueFault).setIsTransition(false).build();
  }

  @Test
  void aProgressLineReadsTheFiguresWithoutJudgingVerdictsWhoseLabeledCopyIsStillToCome() {
    metrics.confirmed(OnsetLatencyTest.confirmation("node-1", 1, "benign", 0));
    metrics.detected(metrics.checked(verdict(10_000, "benign", "unknown"))); // live, not labeled yet
    metrics.detected(metrics.checked(verdict(11_000, "delay", "unknown")));

    assertThat(metrics.onsetsSoFar().benignNodeHours()).as("a progress line, before the labeled copies came").isZero();

    metrics.checked(verdict(10_000, "benign", "benign")); // the labeled copies, a grace later
    metrics.checked(verdict(11_000, "benign", "benign"));
    metrics.detected(metrics.checked(verdict(40_000, "benign", "unknown"))); // much later: the first two are judged now

    OnsetLatency.Summary soFar = metrics.onsetsSoFar();
    assertThat(soFar.benignNodeHours() * 3_600_000).as("both windows judged, 3 s and the 1 s the second adds").isEqualTo(4_000);
    assertThat(soFar.falseAlarms()).isEqualTo(1);
    assertThat(metrics.onsetsAtEnd().benignNodeHours() * 3_600_000)
        .as("the last verdict's labeled copy never came: not counted as benign").isEqualTo(4_000);
  }
}
