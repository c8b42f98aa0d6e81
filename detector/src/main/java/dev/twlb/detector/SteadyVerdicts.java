package dev.twlb.detector;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.FaultType;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's verdict changes only when the model has seen the new class in {@code windows} of the node's windows in a
 * row; until then the node keeps its previous verdict (benign at first). One window that looks odd is not an alarm,
 * and a node recovering from a fault is not declared well on one good window. With early windows every second, each
 * window asked for beyond the first costs a second of detection time. In memory: a restarted detector starts afresh.
 */
final class SteadyVerdicts {
  private record State(String published, String seen, int times) {}

  private final int windows;
  private final Map<String, State> byNode = new HashMap<>();

  SteadyVerdicts(int windows) {
    this.windows = windows;
  }

  /** The verdict to publish for the model's {@code raw} one: the same, or with the node's steady class. */
  synchronized FaultDetection steady(FaultDetection raw) {
    if (windows <= 1) {
      return raw;
    }
    String seen = raw.getPredictedFault();
    State before = byNode.getOrDefault(raw.getNodeId(), new State(FaultType.BENIGN.wireName(), null, 0));
    int times = seen.equals(before.seen()) ? before.times() + 1 : 1;
    String published = times >= windows ? seen : before.published();
    byNode.put(raw.getNodeId(), new State(published, seen, times));
    if (published.equals(seen)) {
      return raw;
    }
    return FaultDetection.newBuilder(raw).setPredictedFault(published).setScore(0).build();
  }
}
