package dev.twlb.nodes.fault;

import dev.twlb.schemas.FaultType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultAssignment;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultTimelineTest {

  static FaultAssignment assignment(String node, long epoch, String fault, long from, long until) {
    return FaultAssignment.newBuilder().setEpochId(epoch).setNodeId(node).setFaultType(fault).setParams(Map.of())
        .setEffectiveFromMs(Instant.ofEpochMilli(from)).setEffectiveUntilMs(Instant.ofEpochMilli(until))
        .setSeed(1).setRunId("r").build();
  }

  @Test
  void looksUpByTimeNotByArrival() {
    FaultTimeline timeline = new FaultTimeline("node-1");
    timeline.add(assignment("node-1", 1, "delay", 10_000, 20_000), 0);
    timeline.add(assignment("node-1", 0, "benign", 0, 10_000), 0); // arrives late, out of order

    assertThat(timeline.typeAt(9_999)).isEqualTo(FaultType.BENIGN);
    assertThat(timeline.typeAt(10_000)).isEqualTo(FaultType.DELAY);
    assertThat(timeline.typeAt(19_999)).isEqualTo(FaultType.DELAY);
  }

  @Test
  void nothingInForceOutsideAnyAssignment() {
    FaultTimeline timeline = new FaultTimeline("node-1");
    timeline.add(assignment("node-1", 0, "crash", 1_000, 2_000), 0);
    assertThat(timeline.at(999)).isEmpty();
    assertThat(timeline.at(2_000)).isEmpty();
    assertThat(timeline.typeAt(2_000)).isEqualTo(FaultType.BENIGN);
  }

  @Test
  void ignoresOtherNodes() {
    FaultTimeline timeline = new FaultTimeline("node-1");
    assertThat(timeline.add(assignment("node-2", 0, "crash", 0, 10_000), 0)).isFalse();
    assertThat(timeline.at(5_000)).isEmpty();
  }

  @Test
  void anAssignmentReadLateIsAppliedFromWhenItWasRead() {
    FaultTimeline timeline = new FaultTimeline("node-1");
    FaultAssignment onTime = assignment("node-1", 0, "benign", 0, 10_000);
    FaultAssignment late = assignment("node-1", 1, "delay", 10_000, 20_000);
    timeline.add(onTime, -3_000);
    timeline.add(late, 12_500);
    timeline.add(late, 14_000); // read again (a feed that restarted): still applied since it was first read

    assertThat(timeline.appliedFrom(onTime)).isEqualTo(0);
    assertThat(timeline.appliedFrom(late)).isEqualTo(12_500);
    assertThat(timeline.appliedFrom(assignment("node-1", 2, "crash", 20_000, 30_000))).isEqualTo(Long.MAX_VALUE);
  }
}
