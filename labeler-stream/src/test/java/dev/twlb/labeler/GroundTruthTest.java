package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.state.VersionedRecord;
import org.junit.jupiter.api.Test;

class GroundTruthTest {

  /** A history like the versioned store: each version valid from its start until the next one's. */
  static GroundTruth.History<FaultAssignment> history(FaultAssignment... assignments) {
    TreeMap<Long, FaultAssignment> byStart = new TreeMap<>();
    for (FaultAssignment a : assignments) {
      byStart.put(a.getEffectiveFromMs().toEpochMilli(), a);
    }
    return t -> {
      var entry = byStart.floorEntry(t);
      if (entry == null) {
        return null;
      }
      Long next = byStart.higherKey(entry.getKey());
      return next == null ? new VersionedRecord<>(entry.getValue(), entry.getKey())
          : new VersionedRecord<>(entry.getValue(), entry.getKey(), next);
    };
  }

  /** Confirmations of every assignment of {@code h}, each from its start. */
  static GroundTruth.History<FaultConfirmation> confirmedAsAssigned(GroundTruth.History<FaultAssignment> h) {
    return t -> {
      VersionedRecord<FaultAssignment> v = h.asOf(t);
      return v == null ? null : new VersionedRecord<>(confirmation(v.value(), v.timestamp()), v.timestamp());
    };
  }

  static FaultConfirmation confirmation(FaultAssignment a, long appliedFrom) {
    return FaultConfirmation.newBuilder().setNodeId(a.getNodeId()).setRunId(a.getRunId()).setEpochId(a.getEpochId())
        .setFaultType(a.getFaultType()).setEffectiveFromMs(a.getEffectiveFromMs())
        .setAppliedFromMs(Instant.ofEpochMilli(appliedFrom)).setConfirmedAtMs(Instant.ofEpochMilli(appliedFrom))
        .setProcessStartMs(Instant.EPOCH).build();
  }

  static FaultAssignment a(long epoch, String fault, long from, long until) {
    return FaultAssignment.newBuilder().setEpochId(epoch).setNodeId("n").setFaultType(fault).setParams(Map.of())
        .setEffectiveFromMs(Instant.ofEpochMilli(from)).setEffectiveUntilMs(Instant.ofEpochMilli(until))
        .setSeed(1).setRunId("r").build();
  }

  @Test
  void aGapBetweenAssignmentsCountsAsUnknown() {
    GroundTruth.History<FaultAssignment> h = history(a(0, "delay", 0, 1_000), a(1, "slow", 3_000, 9_000));
    List<GroundTruth.Segment> segments = GroundTruth.segments(h, 0, 5_000);
    assertThat(segments).extracting(s -> s.assignment() == null ? "unknown" : s.assignment().getFaultType(),
        GroundTruth.Segment::from, GroundTruth.Segment::until)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("slow", 3_000L, 5_000L),
            org.assertj.core.groups.Tuple.tuple("unknown", 1_000L, 3_000L),
            org.assertj.core.groups.Tuple.tuple("delay", 0L, 1_000L));
    GroundTruth.Label label = GroundTruth.label(h, confirmedAsAssigned(h), 0, 5_000);
    assertThat(label.faultType()).isIn("slow", "unknown");
    assertThat(label.purity()).isCloseTo(0.4, within(1e-9));
  }

  @Test
  void aWindowWithSeveralShortEpochsTakesTheLongestLabel() {
    GroundTruth.History<FaultAssignment> h = history(a(0, "benign", 0, 1_000), a(1, "crash", 1_000, 2_000), a(2, "benign", 2_000, 4_500),
        a(3, "delay", 4_500, 10_000));
    GroundTruth.Label label = GroundTruth.label(h, confirmedAsAssigned(h), 0, 5_000);
    assertThat(label.faultType()).isEqualTo("benign");
    assertThat(label.purity()).isCloseTo(0.7, within(1e-9));
    assertThat(label.epochId()).isEqualTo(2);
  }

  @Test
  void aWindowRightAfterACrashEpochIsARecovery() {
    GroundTruth.History<FaultAssignment> h = history(a(0, "crash", 0, 5_000), a(1, "benign", 5_000, 20_000));
    assertThat(GroundTruth.label(h, confirmedAsAssigned(h), 5_000, 10_000).crashRecovery()).isTrue();
    assertThat(GroundTruth.label(h, confirmedAsAssigned(h), 10_000, 15_000).crashRecovery()).isFalse();
    assertThat(GroundTruth.label(h, confirmedAsAssigned(h), 0, 5_000).crashRecovery()).isFalse();
  }

  @Test
  void aLabelIsConfirmedOnlyWhereTheNodesConfirmationsCoverIt() {
    FaultAssignment benign = a(0, "benign", 0, 10_000);
    FaultAssignment delay = a(1, "delay", 10_000, 20_000);
    GroundTruth.History<FaultAssignment> h = history(benign, delay);
    TreeMap<Long, FaultConfirmation> byApplied = new TreeMap<>();
    byApplied.put(0L, confirmation(benign, 0));
    byApplied.put(12_500L, confirmation(delay, 12_500)); // the node read the delay 2.5 s late
    byApplied.put(17_000L, confirmation(delay, 17_000)); // a restarted process confirms it again
    GroundTruth.History<FaultConfirmation> confirmations = t -> {
      var entry = byApplied.floorEntry(t);
      return entry == null ? null : new VersionedRecord<>(entry.getValue(), entry.getKey());
    };

    assertThat(GroundTruth.label(h, confirmations, 5_000, 10_000).confirmed()).isTrue();
    assertThat(GroundTruth.label(h, confirmations, 10_000, 15_000).confirmed()).as("applied from 12.5 s only").isFalse();
    assertThat(GroundTruth.label(h, confirmations, 15_000, 20_000).confirmed()).as("two confirmations cover it").isTrue();
    GroundTruth.History<FaultConfirmation> none = t -> null;
    assertThat(GroundTruth.label(h, none, 5_000, 10_000).confirmed()).isFalse();
    assertThat(GroundTruth.label(history(), none, 5_000, 10_000).confirmed()).as("nothing to confirm: unknown").isTrue();
  }
}
