package dev.twlb.app;

import dev.twlb.schemas.FaultAssignment;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The assignments a run published, asked what was in force: the ground truth a test checks labels against. */
final class AssignmentLog {
  private AssignmentLog() {}

  /** The fault in force for most of [start, end) on the node, straight from the assignments ("unknown" for none). */
  static String inForce(List<FaultAssignment> truth, String node, Instant start, Instant end) {
    Map<String, Long> covered = new HashMap<>();
    for (long t = start.toEpochMilli(); t < end.toEpochMilli(); t += 10) {
      FaultAssignment a = at(truth, node, Instant.ofEpochMilli(t));
      covered.merge(a == null ? "unknown" : a.getFaultType(), 1L, Long::sum);
    }
    return covered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** The node's assignment in force at {@code t}, or null. */
  static FaultAssignment at(List<FaultAssignment> truth, String node, Instant t) {
    FaultAssignment found = null;
    for (FaultAssignment a : truth) {
      if (a.getNodeId().equals(node) && !a.getEffectiveFromMs().isAfter(t) && a.getEffectiveUntilMs().isAfter(t)) {
        found = a;
      }
    }
    return found;
  }
}
