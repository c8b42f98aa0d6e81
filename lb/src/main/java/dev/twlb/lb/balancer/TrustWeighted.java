package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * {@code trust-weighted}: each node has a trust score in [0, 1] from the balancer's own evidence, and is picked with
 * probability proportional to its trust raised to {@link #SHARPNESS}, never below a {@link #PROBE_WEIGHT} floor (so a
 * node that recovers is tried, and trusted, again). Trust is the recent success rate (an exponentially weighted mean
 * of outcomes: only a 200 with a valid checksum succeeds, so errors, timeouts, refusals, resets and corrupt bodies all
 * cost trust) times a slowness factor: a node whose recent latency is more than {@link #SLOW_RATIO} times the median
 * node's loses trust in proportion (gray slowness and lying nodes, which answer correctly but late, show up only
 * there). Distrust fades while a node goes unobserved (time constant {@link #FORGIVE_NANOS}), so a node that got only
 * probes is tried more as time passes: if it has healed, its answers restore its trust; if not, they take it away again.
 * Nothing here believes what a node reports about itself.
 */
final class TrustWeighted implements Strategy {
  /** Weight of the newest outcome in a node's success and latency means. */
  static final double ALPHA = 0.2;
  static final double SLOW_RATIO = 2.0;
  static final double SHARPNESS = 4.0;
  static final double PROBE_WEIGHT = 0.005;
  static final long FORGIVE_NANOS = 10_000_000_000L;
  static final long LATENCY_DECAY_NANOS = 1_000_000_000L;

  private final List<NodeAddress> nodes;
  private final RandomGenerator random;
  private final double[] success;
  private final double[] latencyMs;
  private final long[] observedNanos;
  private final java.util.function.LongSupplier nanoClock;

  TrustWeighted(List<NodeAddress> nodes, RandomGenerator random, java.util.function.LongSupplier nanoClock) {
    this.nodes = nodes;
    this.random = random;
    this.nanoClock = nanoClock;
    this.success = new double[nodes.size()];
    this.latencyMs = new double[nodes.size()];
    this.observedNanos = new long[nodes.size()];
    Arrays.fill(observedNanos, nanoClock.getAsLong());
    Arrays.fill(success, 1.0);
    Arrays.fill(latencyMs, Double.NaN);
  }

  @Override
  public synchronized NodeAddress pick() {
    double[] weights = new double[nodes.size()];
    double total = 0;
    double median = medianLatency();
    long now = nanoClock.getAsLong();
    for (int i = 0; i < weights.length; i++) {
      weights[i] = Math.max(PROBE_WEIGHT, Math.pow(trust(i, median, now), SHARPNESS));
      total += weights[i];
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) {
        return nodes.get(i);
      }
    }
    return nodes.get(weights.length - 1);
  }

  @Override
  public synchronized void finished(NodeAddress node, Outcome outcome, double latency) {
    int i = nodes.indexOf(node);
    if (i < 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    double silence = Math.max(0, now - observedNanos[i]);
    success[i] = (1 - ALPHA) * forgiven(success[i], i, now) + ALPHA * (outcome == Outcome.OK ? 1.0 : 0.0);
    observedNanos[i] = now;
    if (outcome == Outcome.OK || outcome == Outcome.TIMEOUT) { // a timeout is a latency too: the longest
      // the older the estimate, the less it weighs: after a silence, a new answer all but replaces it
      double old = Math.min(1 - ALPHA, Math.exp(-silence / LATENCY_DECAY_NANOS));
      latencyMs[i] = Double.isNaN(latencyMs[i]) ? latency : old * latencyMs[i] + (1 - old) * latency;
    }
  }

  /** The node's trust now, in [0, 1]. */
  synchronized double trust(NodeAddress node) {
    return trust(nodes.indexOf(node), medianLatency(), nanoClock.getAsLong());
  }

  private double trust(int i, double median, long now) {
    double slowness = 1.0;
    if (!Double.isNaN(latencyMs[i]) && median > 0 && latencyMs[i] > SLOW_RATIO * median) {
      slowness = SLOW_RATIO * median / latencyMs[i];
    }
    return forgiven(success[i] * slowness, i, now);
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
