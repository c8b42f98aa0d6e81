package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * {@code trust-weighted}: each node has a trust score in [0, 1] from the balancer's own evidence, and is picked with
 * probability proportional to its trust raised to {@link #SHARPNESS}. A node trusted less than {@link #DISTRUSTED_BELOW}
 * gets, at most once per {@link #PROBE_INTERVAL_NANOS} and one at a time, a probe: a copy of a client's request whose
 * answer goes to no client, so a node that recovers is trusted again within seconds while no client pays for finding
 * out. Trust is the recent success (an exponentially weighted mean of outcomes in which failures weigh more: only a
 * 200 with a valid checksum succeeds, so errors, timeouts, refusals, resets and corrupt bodies all cost trust) times a
 * slowness factor: a node whose recent latency is more
 * than {@link #SLOW_RATIO} times the median node's (and {@link #SLOW_MARGIN_MS} above it) loses trust in proportion.
 * Gray slowness and lying nodes, which answer correctly but late, show up only there; and a request still in flight
 * counts with its age so far, so a node that hangs loses its share before its first timeout. Distrust fades while a
 * node goes unobserved (time constant {@link #FORGIVE_NANOS}). A detector's verdict
 * ({@link #verdict}) scales trust too, fading the same way. Nothing here believes what a node reports about itself.
 */
final class TrustWeighted implements Strategy {
  /** Weight of the newest outcome in a node's latency mean. */
  static final double ALPHA = 0.2;
  /**
   * Weights of the newest outcome in a node's success mean: bad news counts three times good news, so a node that fails
   * now and then (intermittent errors, partial corruption, flapping) settles well below its success rate (10% failures:
   * 0.75; 30%: 0.44) while one failure among healthy answers is soon forgotten.
   */
  static final double ALPHA_SUCCESS = 0.1;
  static final double ALPHA_FAILURE = 0.3;
  static final double SLOW_RATIO = 2.0;
  static final double SLOW_MARGIN_MS = 50.0;
  static final double SHARPNESS = 8.0;
  /** Keeps the weights a distribution when every node is distrusted. */
  static final double MIN_WEIGHT = 1e-9;
  /** Below this a node's weight is under a quarter of a trusted node's: it gets probes until its evidence says otherwise. */
  static final double DISTRUSTED_BELOW = 0.85;
  static final long PROBE_INTERVAL_NANOS = 250_000_000L;
  static final long FORGIVE_NANOS = 10_000_000_000L;
  static final long LATENCY_DECAY_NANOS = 1_000_000_000L;
  /** How much of a node's trust a detector's sure verdict of a fault takes away. */
  static final double VERDICT_WEIGHT = 0.5;

  private final List<NodeAddress> nodes;
  private final NodeIndex index;
  private final RandomGenerator random;
  private final LongSupplier nanoClock;
  private final double[] success;
  private final double[] latencyMs;
  private final long[] observedNanos;
  private final double[] verdictTrust;
  private final long[] verdictNanos;
  private final long[] probedNanos;
  /** Per node, when each request still in flight was picked (pick time to how many picked then). */
  private final List<TreeMap<Long, Integer>> inFlight;

  TrustWeighted(List<NodeAddress> nodes, RandomGenerator random, LongSupplier nanoClock) {
    this.nodes = nodes;
    this.random = random;
    this.nanoClock = nanoClock;
    this.index = new NodeIndex(nodes);
    int n = nodes.size();
    this.success = new double[n];
    this.latencyMs = new double[n];
    this.observedNanos = new long[n];
    this.verdictTrust = new double[n];
    this.verdictNanos = new long[n];
    this.probedNanos = new long[n];
    this.inFlight = java.util.stream.Stream.generate(() -> new TreeMap<Long, Integer>()).limit(n).toList();
    Arrays.fill(observedNanos, nanoClock.getAsLong());
    Arrays.fill(success, 1.0);
    Arrays.fill(latencyMs, Double.NaN);
    Arrays.fill(verdictTrust, 1.0);
    Arrays.fill(probedNanos, Long.MIN_VALUE / 2);
  }

  @Override
  public NodeAddress pick() {
    return pickOtherThan(null);
  }

  @Override
  public synchronized NodeAddress pickOtherThan(NodeAddress failed) {
    double[] weights = new double[nodes.size()];
    double total = 0;
    long now = nanoClock.getAsLong();
    double median = medianLatency(now);
    int avoided = failed == null || nodes.size() == 1 ? -1 : index.of(failed);
    for (int i = 0; i < weights.length; i++) {
      weights[i] = avoided == i ? 0 : Math.max(MIN_WEIGHT, Math.pow(trust(i, median, now), SHARPNESS));
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
    return nodes.get(chosen);
  }

  /** The distrusted node probed longest ago, if one has nothing in flight and was not probed for a probe interval. */
  @Override
  public synchronized NodeAddress probe() {
    long now = nanoClock.getAsLong();
    double median = medianLatency(now);
    int due = -1;
    for (int i = 0; i < nodes.size(); i++) {
      if (inFlight.get(i).isEmpty() && now - probedNanos[i] >= PROBE_INTERVAL_NANOS && trust(i, median, now) < DISTRUSTED_BELOW
          && (due < 0 || probedNanos[i] < probedNanos[due])) {
        due = i;
      }
    }
    if (due < 0) {
      return null;
    }
    probedNanos[due] = now;
    inFlight.get(due).merge(now, 1, Integer::sum);
    return nodes.get(due);
  }

  @Override
  public synchronized void finished(NodeAddress node, Outcome outcome, double latency) {
    int i = index.of(node);
    if (i < 0) {
      return;
    }
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
    double alpha = outcome == Outcome.OK ? ALPHA_SUCCESS : ALPHA_FAILURE;
    success[i] = (1 - alpha) * forgiven(success[i], i, now) + alpha * (outcome == Outcome.OK ? 1.0 : 0.0);
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
    int i = index.ofId(nodeId);
    if (i >= 0) {
      verdictTrust[i] = faulty ? 1 - VERDICT_WEIGHT * Math.max(0, Math.min(1, score)) : 1.0;
      verdictNanos[i] = nanoClock.getAsLong();
    }
  }

  /** The node's trust now, in [0, 1]. */
  synchronized double trust(NodeAddress node) {
    long now = nanoClock.getAsLong();
    return trust(index.of(node), medianLatency(now), now);
  }

  private double trust(int i, double median, long now) {
    double latency = latencyNow(i, now);
    double slowness = 1.0;
    double limit = Math.max(SLOW_RATIO * median, median + SLOW_MARGIN_MS);
    if (!Double.isNaN(latency) && median > 0 && latency > limit) {
      slowness = limit / latency;
    }
    return forgiven(success[i] * slowness, i, now) * faded(verdictTrust[i], verdictNanos[i], now);
  }

  /** A score in [0, 1] whose distance from full trust has faded with the time since the node was last observed. */
  private double forgiven(double score, int i, long now) {
    return faded(score, observedNanos[i], now);
  }

  /** {@code score}'s distance from full trust, faded with the time since {@code sinceNanos} (time constant FORGIVE_NANOS). */
  private static double faded(double score, long sinceNanos, long now) {
    return 1 - (1 - score) * Math.exp(-(double) Math.max(0, now - sinceNanos) / FORGIVE_NANOS);
  }

  /** The node's latency estimate, or the age of its oldest request in flight when that is longer (NaN: not known yet). */
  private double latencyNow(int i, long now) {
    double latency = latencyMs[i];
    if (!inFlight.get(i).isEmpty()) {
      double oldestMs = (now - inFlight.get(i).firstKey()) / 1e6;
      latency = Double.isNaN(latency) ? oldestMs : Math.max(latency, oldestMs);
    }
    return latency;
  }

  /** The median node's latency now: when the whole box stalls, every request in flight ages, and so does the median. */
  private double medianLatency(long now) {
    double[] known = java.util.stream.IntStream.range(0, nodes.size()).mapToDouble(i -> latencyNow(i, now))
        .filter(v -> !Double.isNaN(v)).sorted().toArray();
    return known.length == 0 ? Double.NaN : known[known.length / 2];
  }
}
