package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.FaultDetection;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OnsetLatencyTest {
  private final OnsetLatency onsets = new OnsetLatency(5_000, 0);

  static FaultConfirmation confirmation(String node, long epoch, String fault, long appliedFromMs) {
    Instant applied = Instant.ofEpochMilli(appliedFromMs);
    return FaultConfirmation.newBuilder().setNodeId(node).setRunId("run-t").setEpochId(epoch).setFaultType(fault)
        .setEffectiveFromMs(applied).setAppliedFromMs(applied).setConfirmedAtMs(applied).setProcessStartMs(Instant.EPOCH).build();
  }

  /** A verdict on the window [end - 3 s, end), published 200 ms after it ended. */
  private void verdict(String node, double endSeconds, String predicted) {
    long end = Math.round(endSeconds * 1000);
    onsets.verdict(FaultDetection.newBuilder().setNodeId(node).setWindowStart(Instant.ofEpochMilli(end - 3_000))
        .setWindowEnd(Instant.ofEpochMilli(end)).setPredictedFault(predicted).setScore(1).setModelId("m")
        .setDetectedAt(Instant.ofEpochMilli(end + 200)).build());
  }

  @Test
  void theLatencyRunsFromTheOnsetToTheFirstVerdictNamingTheFault() {
    onsets.confirmed(confirmation("node-1", 0, "benign", 0));
    onsets.confirmed(confirmation("node-1", 1, "delay", 30_000));
    verdict("node-1", 30.5, "benign");
    verdict("node-1", 31.5, "slow"); // wrong fault: not yet
    verdict("node-1", 32.5, "delay");
    verdict("node-1", 33.5, "delay");
    verdict("node-1", 34.5, "benign");
    onsets.settle(Long.MAX_VALUE);

    OnsetLatency.FaultOutcome outcome = onsets.summary().faults().get(0);
    assertThat(outcome.latencyMs()).isEqualTo(2_700L);
    assertThat(outcome.windowMs()).as("the window ended 2.5 s after the onset, the verdict 0.2 s later").isEqualTo(2_500L);
    assertThat(outcome.verdictsInside()).as("windows wholly after the onset").isEqualTo(2);
    assertThat(outcome.rightInside()).isEqualTo(1);
  }

  @Test
  void aNodeEpochNoVerdictNamedCountsAsLongerThanAnyInTheMedian() {
    onsets.confirmed(confirmation("node-1", 1, "crash", 10_000));
    onsets.confirmed(confirmation("node-2", 1, "crash", 10_000));
    onsets.confirmed(confirmation("node-3", 1, "crash", 10_000));
    verdict("node-1", 11, "crash");
    verdict("node-2", 12, "crash");
    verdict("node-3", 12, "benign");
    onsets.settle(Long.MAX_VALUE);

    assertThat(OnsetLatency.medianSeconds(onsets.summary().faults())).isEqualTo(2.2);
    onsets.confirmed(confirmation("node-4", 1, "crash", 10_000));
    assertThat(OnsetLatency.medianSeconds(onsets.summary().faults())).isInfinite();
  }

  @Test
  void falseAlarmsAreEpisodesPerNodeHourOfBenignWindowsAfterTheSettlingTime() {
    onsets.confirmed(confirmation("node-1", 0, "crash", 0));
    onsets.confirmed(confirmation("node-1", 1, "benign", 10_000));
    verdict("node-1", 14, "crash"); // [11, 14): the node is still restarting, not counted
    for (int end = 18; end < 60; end++) {
      onsets.labeled("node-1", end * 1000L, end != 50); // the window ending at 50 s is a transition: a restart, say
      verdict("node-1", end, end == 30 || end == 31 || end == 40 || end == 50 ? "cpu-hog" : "benign");
    }
    verdict("node-2", 20, "crash"); // no confirmation of node-2: no truth to measure against
    onsets.settle(Long.MAX_VALUE);

    OnsetLatency.Summary summary = onsets.summary();
    assertThat(summary.falseAlarms()).as("30-31 is one episode, 40 another; 50 is not a clean benign window").isEqualTo(2);
    assertThat(summary.benignNodeHours() * 3600).as("[15, 59): the windows beside the transition cover its last second").isCloseTo(44, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void anAlarmRaisedDuringAFaultAndHeldIntoTheBenignEpochIsHeldOverNotFalse() {
    onsets.confirmed(confirmation("node-1", 0, "delay", 0));
    onsets.confirmed(confirmation("node-1", 1, "benign", 10_000));
    onsets.confirmed(confirmation("node-2", 0, "benign", 0));
    for (int end = 8; end < 30; end++) {
      onsets.labeled("node-1", end * 1000L, end >= 16);
      onsets.labeled("node-2", end * 1000L, true);
      verdict("node-1", end, end < 19 ? "flapping" : end == 25 ? "slow" : "benign"); // still flapping at [15, 18)
      verdict("node-2", end, end == 12 ? "slow" : "benign");
    }
    onsets.settle(Long.MAX_VALUE);

    OnsetLatency.Summary summary = onsets.summary();
    assertThat(summary.heldOver()).as("node-1's flapping, named since the delay and held past the settling time").isEqualTo(1);
    assertThat(summary.falseAlarms()).as("node-1 at 25 s and node-2 at 12 s: raised on a benign node").isEqualTo(2);
  }

  @Test
  void nothingBeforeTheMeasurementStartsIsMeasured() {
    OnsetLatency late = new OnsetLatency(5_000, 20_000);
    late.labeled("node-2", 20_000, true);
    late.confirmed(confirmation("node-1", 1, "crash", 10_000)); // began before: a backlog
    late.confirmed(confirmation("node-2", 1, "benign", 0));
    late.confirmed(confirmation("node-3", 2, "crash", 30_000));
    late.verdict(FaultDetection.newBuilder().setNodeId("node-1").setWindowStart(Instant.ofEpochMilli(30_000))
        .setWindowEnd(Instant.ofEpochMilli(33_000)).setPredictedFault("crash").setScore(1).setModelId("m")
        .setDetectedAt(Instant.ofEpochMilli(33_100)).build());
    late.verdict(FaultDetection.newBuilder().setNodeId("node-2").setWindowStart(Instant.ofEpochMilli(17_000))
        .setWindowEnd(Instant.ofEpochMilli(20_000)).setPredictedFault("crash").setScore(1).setModelId("m")
        .setDetectedAt(Instant.ofEpochMilli(20_100)).build());
    late.settle(Long.MAX_VALUE);

    assertThat(late.summary().faults()).extracting(o -> o.epoch().node()).containsExactly("node-3");
    assertThat(late.summary().falseAlarms()).isZero();
  }

  @Test
  void verdictsAreMeasuredAgainstConfirmationsThatArriveAfterThem() {
    verdict("node-1", 12, "500-error");
    onsets.settle(5_000); // nothing ended that long ago
    onsets.confirmed(confirmation("node-1", 3, "500-error", 10_000));
    onsets.settle(20_000);

    assertThat(onsets.summary().faults()).singleElement().satisfies(o -> assertThat(o.latencyMs()).isEqualTo(2_200L));
  }
}
