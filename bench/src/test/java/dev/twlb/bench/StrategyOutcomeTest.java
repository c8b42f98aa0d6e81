package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.twlb.schemas.Attempt;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strategies benchmark's scoring, on a crafted run of two nodes, one of them corrupt for ten seconds. */
class StrategyOutcomeTest {
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void scoresWhatTheClientsSawAndWhenTheFaultyNodeLostItsShare() {
    List<FaultAssignment> assignments = List.of(assignment("node-1", "benign"), assignment("node-2", "corrupt"));
    List<RequestEvent> events = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // 10 a second; node-2 gets every other one for 3 s, then none
      boolean toFaulty = i < 30 && i % 2 == 1;
      events.add(event("r" + i, toFaulty ? "node-2" : "node-1", T0 + i * 100L, toFaulty ? Outcome.BAD_RESPONSE : Outcome.OK, null));
    }
    events.add(event("retry-of-r1", "node-1", T0 + 150, Outcome.OK, "r1")); // r1 was retried, and the retry served it
    events.add(event("probe", "node-2", T0 + 5_000, Outcome.BAD_RESPONSE, null, Attempt.PROBE)); // a copy: in no figure but the count

    StrategyOutcome outcome = StrategyOutcome.of(events, assignments, 2);

    assertThat(outcome.requests()).as("100 client requests; r1 and its retry are one").isEqualTo(100);
    assertThat(outcome.probes()).isEqualTo(1);
    assertThat(outcome.successRate()).as("14 of the 15 corrupt answers reached a client").isCloseTo(0.86, within(1e-9));
    assertThat(outcome.faultyShare()).isCloseTo(15 / 101.0, within(1e-9));
    assertThat(outcome.medianSecondsToTenthOfShare()).as("the fourth second is the first without it").isEqualTo(4.0);
    assertThat(outcome.faultsUnderTenth()).isEqualTo(1);
    assertThat(outcome.p99Ms()).as("r1 took from its send to its retry's end").isEqualTo(55.0);
    assertThat(outcome.failedByFault()).containsExactly(java.util.Map.entry("corrupt BAD_RESPONSE", 14L));
    assertThat(outcome.successOverTime()).containsEntry(0.0, 72.0).containsEntry(5.0, 100.0);
  }

  private static RequestEvent event(String id, String node, long ms, Outcome outcome, String retryOf) {
    return event(id, node, ms, outcome, retryOf, retryOf == null ? Attempt.REQUEST : Attempt.RETRY);
  }

  private static RequestEvent event(String id, String node, long ms, Outcome outcome, String retryOf, Attempt attempt) {
    return RequestEvent.newBuilder().setRequestId(id).setNodeId(node).setTsMs(Instant.ofEpochMilli(ms)).setLatencyMs(5)
        .setStatusCode(200).setOutcome(outcome).setBytes(10).setAttempt(attempt.name())
        .setRetryOf(retryOf).build();
  }

  private static FaultAssignment assignment(String node, String fault) {
    return FaultAssignment.newBuilder().setEpochId(0).setNodeId(node).setFaultType(fault).setParams(Map.of())
        .setEffectiveFromMs(Instant.ofEpochMilli(T0)).setEffectiveUntilMs(Instant.ofEpochMilli(T0 + 10_000)).setSeed(0)
        .setRunId("test").build();
  }
}
