package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * {@code trust-weighted}: each node has a trust score in [0, 1] from the balancer's own evidence, and is picked with
 * probability proportional to its trust raised to {@link #SHARPNESS}, never below a {@link #PROBE_WEIGHT} floor (so a
 * node that recovers is tried, and trusted, again; a pick of a node trusted less than {@link #DISTRUSTED_BELOW} is a
 * probe). Trust is the recent success rate
 * (an exponentially weighted mean of outcomes: only a 200 with a valid checksum succeeds, so errors, timeouts,
 * refusals, resets and corrupt bodies all cost trust) times a slowness factor: a node whose recent latency is more
 * than {@link #SLOW_RATIO} times the median node's (and {@link #SLOW_MARGIN_MS} above it) loses trust in proportion.
 * Gray slowness and lying nodes, which answer correctly but late, show up only there; and a request still in flight
 * counts with its age so far, so a node that hangs loses its share before its first timeout. Distrust fades while a
 * node goes unobserved (time constant {@link #FORGIVE_NANOS}), so a distrusted node is probed more as time passes: if
 * it has healed, its answers restore its trust; if not, they take it away again. A detector's verdict
 * ({@link #verdict}) scales trust too, fading the same way. Nothing here believes what a node reports about itself.
 */
final class TrustWeighted implements Strategy {
  /** Weight of the newest outcome in a node's success and latency means. */
  static final double ALPHA = 0.2;
  static final double SLOW_RATIO = 2.0;
  static final double SLOW_MARGIN_MS = 50.0;
  static final double SHARPNESS = 4.0;
  static final double PROBE_WEIGHT = 0.005;
  /** A node trusted less than this is distrusted: a request that goes there anyway is a probe. */
  static final double DISTRUSTED_BELOW = 0.5;
  static final long FORGIVE_NANOS = 10_000_000_000L;
  static final long LATENCY_DECAY_NANOS = 1_000_000_000L;
  /** How much of a node's trust a detector's sure verdict of a fault takes away. */
  static final double VERDICT_WEIGHT = 0.5;

  private final List<NodeAddress> nodes;
  private final Map<NodeAddress, Integer> index = new HashMap<>();
  private final Map<String, Integer> indexById = new HashMap<>();
  private final RandomGenerator random;
  private final LongSupplier nanoClock;
  private final double[] success;
  private final double[] latencyMs;
  private final long[] observedNanos;
  private final double[] verdictTrust;
  private final long[] verdictNanos;
  /** Per node, when each request still in flight was picked (pick time to how many picked then). */
  private final List<TreeMap<Long, Integer>> inFlight;

  TrustWeighted(List<NodeAddress> nodes, RandomGenerator random, LongSupplier nanoClock) {
    this.nodes = nodes;
    this.random = random;
    this.nanoClock = nanoClock;
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i), i);
      indexById.put(nodes.get(i).id(), i);
    }
    int n = nodes.size();
    this.success = new double[n];
    this.latencyMs = new double[n];
    this.observedNanos = new long[n];
    this.verdictTrust = new double[n];
    this.verdictNanos = new long[n];
    this.inFlight = java.util.stream.Stream.generate(() -> new TreeMap<Long, Integer>()).limit(n).toList();
    Arrays.fill(observedNanos, nanoClock.getAsLong());
    Arrays.fill(success, 1.0);
    Arrays.fill(latencyMs, Double.NaN);
    Arrays.fill(verdictTrust, 1.0);
  }

  @Override
  public NodeAddress pick() {
    return choose(null).node();
  }

  @Override
  public synchronized Choice choose(NodeAddress avoid) {
    double[] weights = new double[nodes.size()];
    double[] trusts = new double[nodes.size()];
    double total = 0;
    double median = medianLatency();
    long now = nanoClock.getAsLong();
    Integer avoided = avoid == null || nodes.size() == 1 ? null : index.get(avoid);
    for (int i = 0; i < weights.length; i++) {
      trusts[i] = trust(i, median, now);
      weights[i] = avoided != null && avoided == i ? 0 : Math.max(PROBE_WEIGHT, Math.pow(trusts[i], SHARPNESS));
      total += weights[i];
    }
    double r = random.nextDouble() * total;
    int chosen = weights.length - 1;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        chosen = i;
        break;
      }
    }
    inFlight.get(chosen).merge(now, 1, Integer::sum);
    return new Choice(nodes.get(chosen), trusts[chosen] < DISTRUSTED_BELOW);
  }

  @Override
  public synchronized void finished(NodeAddress node, Outcome outcome, double latency) {
    Integer at = index.get(node);
    if (at == null) {
      return;
    }
    int i = at;
    long now = nanoClock.getAsLong();
    // the request was picked just before it was sent, latency ago: the latest pick no later than that is the one
    Long picked = inFlight.get(i).floorKey(now - (long) (latency * 1e6));
    if (picked == null && !inFlight.get(i).isEmpty()) {
      picked = inFlight.get(i).firstKey();
    }
    if (picked != null) {
      inFlight.get(i).computeIfPresent(picked, (k, count) -> count == 1 ? null : count - 1);
    }
    double silence = Math.max(0, now - observedNanos[i]);
    success[i] = (1 - ALPHA) * forgiven(success[i], i, now) + ALPHA * (outcome == Outcome.OK ? 1.0 : 0.0);
    observedNanos[i] = now;
    if (outcome == Outcome.OK || outcome == Outcome.TIMEOUT) { // a timeout is a latency too: the longest
      // the older the estimate, the less it weighs: after a silence, a new answer all but replaces it
      double old = Math.min(1 - ALPHA, Math.exp(-silence / LATENCY_DECAY_NANOS));
      latencyMs[i] = Double.isNaN(latencyMs[i]) ? latency : old * latencyMs[i] + (1 - old) * latency;
    }
  }

  /** A detector judged one of {@code nodeId}'s recent windows: {@code faulty} with confidence {@code score} in [0, 1]. */
  @Override
  public synchronized void verdict(String nodeId, boolean faulty, double score) {
    Integer i = indexById.get(nodeId);
    if (i != null) {
      verdictTrust[i] = faulty ? 1 - VERDICT_WEIGHT * Math.max(0, Math.min(1, score)) : 1.0;
      verdictNanos[i] = nanoClock.getAsLong();
    }
  }

  /** The node's trust now, in [0, 1]. */
  synchronized double trust(NodeAddress node) {
    return trust(index.get(node), medianLatency(), nanoClock.getAsLong());
  }

  private double trust(int i, double median, long now) {
    double latency = latencyMs[i];
    if (!inFlight.get(i).isEmpty()) {
      double oldestMs = (now - inFlight.get(i).firstKey()) / 1e6;
      latency = Double.isNaN(latency) ? oldestMs : Math.max(latency, oldestMs);
    }
    double slowness = 1.0;
    double limit = Math.max(SLOW_RATIO * median, median + SLOW_MARGIN_MS);
    if (!Double.isNaN(latency) && median > 0 && latency > limit) {
      slowness = limit / latency;
    }
    double verdict = 1 - (1 - verdictTrust[i]) * Math.exp(-(double) Math.max(0, now - verdictNanos[i]) / FORGIVE_NANOS);
    return forgiven(success[i] * slowness, i, now) * verdict;
  }

  /** A score in [0, 1] whose distance from full trust has faded with the time since the node was last observed. */
  private double forgiven(double score, int i, long now) {
    return 1 - (1 - score) * Math.exp(-(double) Math.max(0, now - observedNanos[i]) / FORGIVE_NANOS);
  }

  private double medianLatency() {
    double[] known = Arrays.stream(latencyMs).filter(v -> !Double.isNaN(v)).sorted().toArray();
    return known.length == 0 ? Double.NaN : known[known.length / 2];
  }
}
