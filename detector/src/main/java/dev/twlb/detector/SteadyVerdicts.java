package dev.twlb.detector;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.FaultType;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's verdict turns from benign to a fault only when the model has called {@code windows} of the node's windows
 * in a row faulty, and back to benign only after as many benign ones: one window that looks odd is not an alarm, and a
 * node recovering from a fault is not declared well on one good window. Which fault is named is the latest window's:
 * a fault's first windows cover it only in part and often look like a milder one (a few 500s among 200s look like
 * {@code intermittent-error} before the window fills with {@code 500-error}); asking for the same class twice would
 * cost a window more each time the model's view sharpens. Each window asked for beyond the first costs a hop of the
 * early windows in detection time; off by default ({@code windows} 1): replayed on recorded runs, the model as it is
 * trained now raised no false alarm without it. In memory: a restarted detector starts afresh.
 */
final class SteadyVerdicts {
  private static final String BENIGN = FaultType.BENIGN.wireName();

  /** The verdict published last, and how many windows in a row the model has called faulty (or benign). */
  private record State(String published, boolean faulty, int times) {}

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
    boolean faulty = !seen.equals(BENIGN);
    State before = byNode.getOrDefault(raw.getNodeId(), new State(BENIGN, false, windows));
    int times = faulty == before.faulty() ? before.times() + 1 : 1;
    String published = times >= windows ? seen : before.published();
    byNode.put(raw.getNodeId(), new State(published, faulty, times));
    if (published.equals(seen)) {
      return raw;
    }
    return FaultDetection.newBuilder(raw).setPredictedFault(published).setScore(0).build();
  }
}
