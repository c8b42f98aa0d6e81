package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * {@code p2c-ewma}: power of two random choices by peak-EWMA latency weighted by outstanding requests, as Finagle's
 * {@code PeakEwma} and Linkerd do. A node's cost is its latency estimate times (its requests in flight + 1); the
 * estimate jumps to a higher latency at once (the peak) and follows lower ones with weight {@code e^(-dt/tau)}, and it
 * decays towards 0 while the node is not measured, so an idle node gets tried again. A node with requests in flight
 * but no estimate yet is penalised. Every answer counts by its latency, failures included (a refused connection is
 * fast, and so looks cheap: the weakness of latency-only balancing under gray failures).
 */
final class PeakEwma implements Strategy {
  /** Finagle's default decay time. */
  static final long DECAY_NANOS = 10_000_000_000L;
  /** The cost of a node with requests in flight and no latency measured yet, per request in flight (Finagle's). */
  private static final double PENALTY_MS = 1e9;

  private final List<NodeAddress> nodes;
  private final NodeIndex index;
  private final RandomGenerator random;
  private final LongSupplier nanoClock;
  private final double[] estimateMs;
  private final long[] updatedNanos;
  private final int[] pending;

  PeakEwma(List<NodeAddress> nodes, RandomGenerator random, LongSupplier nanoClock) {
    this.nodes = nodes;
    this.index = new NodeIndex(nodes);
    this.random = random;
    this.nanoClock = nanoClock;
    this.estimateMs = new double[nodes.size()];
    this.updatedNanos = new long[nodes.size()];
    this.pending = new int[nodes.size()];
    long now = nanoClock.getAsLong();
    java.util.Arrays.fill(updatedNanos, now);
  }

  @Override
  public synchronized NodeAddress pick() {
    int a = random.nextInt(nodes.size());
    int b = nodes.size() == 1 ? a : (a + 1 + random.nextInt(nodes.size() - 1)) % nodes.size();
    long now = nanoClock.getAsLong();
    int chosen = cost(b, now) < cost(a, now) ? b : a;
    pending[chosen]++;
    return nodes.get(chosen);
  }

  @Override
  public synchronized void finished(NodeAddress node, Outcome outcome, double latencyMs) {
    int i = index.of(node);
    if (i < 0) {
      return;
    }
    pending[i] = Math.max(0, pending[i] - 1);
    observe(i, latencyMs, nanoClock.getAsLong());
  }

  /** The node's cost now: its decayed estimate times its requests in flight + 1. */
  synchronized double cost(int i, long now) {
    observe(i, 0.0, now);
    if (estimateMs[i] == 0.0 && pending[i] != 0) {
      return PENALTY_MS + pending[i];
    }
    return estimateMs[i] * (pending[i] + 1);
  }

  private void observe(int i, double rttMs, long now) {
    long elapsed = Math.max(0, now - updatedNanos[i]);
    updatedNanos[i] = now;
    if (rttMs > estimateMs[i]) {
      estimateMs[i] = rttMs; // the peak replaces the estimate at once
    } else {
      double w = Math.exp(-(double) elapsed / DECAY_NANOS);
      estimateMs[i] = estimateMs[i] * w + rttMs * (1 - w);
    }
  }
}
