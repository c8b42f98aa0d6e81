package dev.twlb.detector;

import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.FaultType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * How soon and how truly the verdicts follow what the nodes really did, measured against their confirmations (the
 * onset of a fault node-epoch is the moment its node applied it). For a fault node-epoch: the time from its onset to
 * the first verdict naming its fault, and the share of right verdicts on windows wholly inside it. For benign
 * node-epochs: false alarms, counted as episodes (a verdict naming a fault after one that did not: the node's verdicts
 * are followed in order, whatever their windows), per node-hour of windows wholly inside them whose labeled copy is a
 * clean benign window ({@link #labeled}: not a node restarting or down, which the labels mark), leaving out the first
 * {@code settleMs} after a fault ended (a leak's memory being freed). A verdict that named a fault before and still
 * names one in the first clean benign window is not a new alarm but one held over from the fault: counted apart.
 *
 * <p>Verdicts are evaluated once every confirmation they could depend on has surely arrived: {@link #settle} takes
 * those whose window ended before a given time, so the two topics may be read in any order.
 */
public final class OnsetLatency {
  public static final long DEFAULT_SETTLE_MS = 5_000;
  private static final String BENIGN = FaultType.BENIGN.wireName();

  /** A fault (or benign) node-epoch as its node confirmed it. */
  public record NodeEpoch(String node, String runId, long epochId, String fault, long onsetMs) {}

  /**
   * What the verdicts made of one fault node-epoch: {@code latencyMs} from its onset to the first verdict naming its
   * fault, of which {@code windowMs} until that verdict's window ended (the rest is the pipeline's); both null when
   * none named it.
   */
  public record FaultOutcome(NodeEpoch epoch, Long latencyMs, Long windowMs, int verdictsInside, int rightInside) {}

  /** Everything measured so far. */
  public record Summary(List<FaultOutcome> faults, long falseAlarms, long heldOver, double benignNodeHours) {
    public double falseAlarmsPerNodeHour() {
      return benignNodeHours > 0 ? falseAlarms / benignNodeHours : Double.NaN;
    }
  }

  private final long settleMs;
  private final long fromMs;
  private final Map<String, TreeMap<Long, NodeEpoch>> epochs = new HashMap<>();
  private final PriorityQueue<FaultDetection> waiting = new PriorityQueue<>(Comparator.comparing(FaultDetection::getWindowEnd));
  private final Map<NodeEpoch, FaultOutcome> outcomes = new LinkedHashMap<>();
  private final Map<String, Long> benignCoveredUntil = new HashMap<>();
  /** By node, its last verdict evaluated: whether it named a fault, and when its window ended. */
  private final Map<String, Previous> previous = new HashMap<>();
  /** By window end, the nodes whose labeled copy of that window is a clean benign window, until it is settled. */
  private final TreeMap<Long, java.util.Set<String>> cleanBenign = new TreeMap<>();
  private long falseAlarms;
  private long heldOver;
  private long benignMs;

  private record Previous(long windowEndMs, boolean alarm) {}

  /**
   * @param fromMs node-epochs that began earlier, and benign windows that started earlier, are not measured: a detector
   *     that starts late catches up on a backlog, and its verdicts on it say nothing of how soon it answers live
   */
  public OnsetLatency(long settleMs, long fromMs) {
    this.settleMs = settleMs;
    this.fromMs = fromMs;
  }

  /** A node applied an assignment; a second confirmation of the same one (a restarted process) changes nothing. */
  public synchronized void confirmed(FaultConfirmation c) {
    TreeMap<Long, NodeEpoch> node = epochs.computeIfAbsent(c.getNodeId(), n -> new TreeMap<>());
    boolean known = node.values().stream().anyMatch(e -> e.epochId() == c.getEpochId() && e.runId().equals(c.getRunId()));
    if (!known) {
      NodeEpoch epoch = new NodeEpoch(c.getNodeId(), c.getRunId(), c.getEpochId(), c.getFaultType(), c.getAppliedFromMs().toEpochMilli());
      node.put(epoch.onsetMs(), epoch);
      if (!epoch.fault().equals(BENIGN) && epoch.onsetMs() >= fromMs) {
        outcomes.put(epoch, new FaultOutcome(epoch, null, null, 0, 0));
      }
    }
  }

  /** The labeled copy of a window came: whether it is a clean example of benign. */
  public synchronized void labeled(String node, long windowEndMs, boolean isCleanBenign) {
    if (isCleanBenign) {
      cleanBenign.computeIfAbsent(windowEndMs, e -> new java.util.HashSet<>()).add(node);
    }
  }

  public synchronized void verdict(FaultDetection d) {
    waiting.add(d);
  }

  /** Evaluates, in order of their windows' ends, the verdicts on windows that ended before {@code beforeMs}. */
  public synchronized void settle(long beforeMs) {
    while (!waiting.isEmpty() && waiting.peek().getWindowEnd().toEpochMilli() < beforeMs) {
      evaluate(waiting.poll());
    }
    cleanBenign.headMap(beforeMs).clear(); // their verdicts are evaluated (or never came): nothing will ask again
  }

  private void evaluate(FaultDetection d) {
    TreeMap<Long, NodeEpoch> node = epochs.get(d.getNodeId());
    long start = d.getWindowStart().toEpochMilli();
    long end = d.getWindowEnd().toEpochMilli();
    Map.Entry<Long, NodeEpoch> inForce = node == null ? null : node.floorEntry(end - 1);
    if (inForce == null) {
      return;
    }
    NodeEpoch epoch = inForce.getValue();
    Long next = node.higherKey(epoch.onsetMs());
    boolean inside = start >= epoch.onsetMs() && (next == null || end <= next);
    String predicted = d.getPredictedFault();
    boolean alarm = !predicted.equals(BENIGN);
    Previous last = previous.put(d.getNodeId(), new Previous(end, alarm));
    boolean alarmBefore = last != null && last.windowEndMs() >= start && last.alarm(); // a gap: no verdict before
    if (!epoch.fault().equals(BENIGN)) {
      FaultOutcome o = outcomes.get(epoch);
      if (o == null) {
        return; // began before the measurement did
      }
      Long latency = o.latencyMs();
      Long window = o.windowMs();
      if (latency == null && predicted.equals(epoch.fault())) {
        latency = Math.max(0, d.getDetectedAt().toEpochMilli() - epoch.onsetMs());
        window = Math.max(0, end - epoch.onsetMs());
      }
      outcomes.put(epoch, new FaultOutcome(epoch, latency, window, o.verdictsInside() + (inside ? 1 : 0),
          o.rightInside() + (inside && predicted.equals(epoch.fault()) ? 1 : 0)));
      return;
    }
    Map.Entry<Long, NodeEpoch> before = node.lowerEntry(epoch.onsetMs());
    boolean afterFault = before != null && !before.getValue().fault().equals(BENIGN);
    java.util.Set<String> benignAtEnd = cleanBenign.get(end);
    boolean labeledBenign = benignAtEnd != null && benignAtEnd.contains(d.getNodeId());
    if (!inside || !labeledBenign || start < fromMs || (afterFault && start < epoch.onsetMs() + settleMs)) {
      return;
    }
    long covered = benignCoveredUntil.getOrDefault(d.getNodeId(), Long.MIN_VALUE);
    benignMs += end - Math.max(start, covered);
    benignCoveredUntil.put(d.getNodeId(), end);
    if (alarm && !alarmBefore) {
      falseAlarms++;
    } else if (alarm && start > covered) {
      heldOver++; // named a fault before this benign stretch began, and still does
    }
  }

  public synchronized Summary summary() {
    return new Summary(new ArrayList<>(outcomes.values()), falseAlarms, heldOver, benignMs / 3_600_000.0);
  }

  /**
   * The median onset-to-verdict time in seconds over {@code outcomes}, a node-epoch no verdict named counting as
   * longer than any (NaN when there are none, infinite when most were never named).
   */
  public static double medianSeconds(List<FaultOutcome> outcomes) {
    return median(outcomes, FaultOutcome::latencyMs);
  }

  /** The same median of one part of it: {@link FaultOutcome#windowMs}, say. */
  public static double median(List<FaultOutcome> outcomes, java.util.function.Function<FaultOutcome, Long> ms) {
    List<Double> seconds = outcomes.stream()
        .map(o -> ms.apply(o) == null ? Double.POSITIVE_INFINITY : ms.apply(o) / 1000.0).sorted().toList();
    if (seconds.isEmpty()) {
      return Double.NaN;
    }
    int n = seconds.size();
    return n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
  }
}
