package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code outlier-ejection}: round-robin over the nodes Envoy's outlier detection has not ejected, with Envoy's rules
 * and defaults ({@link Settings#ENVOY}). A node is ejected at once after {@code consecutive5xx} failures in a row
 * (5xx answers, and, as Envoy maps them by default, timeouts, refused connections and resets); every {@code interval}
 * the success-rate rule ejects nodes whose success rate in the interval is below mean - stdevFactor x stdev (only
 * nodes with {@code successRateRequestVolume} requests count, and only when at least {@code successRateMinimumHosts}
 * do). An ejection lasts {@code baseEjection} x times ejected (at most {@code maxEjection}); the count falls by one per
 * interval a node spends in service. The failure-percentage rule (off by default, as in Envoy: enforcing 0%) ejects,
 * with probability {@code enforcingFailurePercentage}%, nodes whose failures in the interval reach
 * {@code failurePercentageThreshold}% (with {@code failurePercentageRequestVolume} requests, when at least
 * {@code failurePercentageMinimumHosts} nodes have that many). At most {@code maxEjectionPercent} of the nodes are
 * out (at least one may be): Envoy's default of 10% ejects one node of 15.
 * As in Envoy, a 200 with a corrupt body counts as a success, and latency counts for nothing.
 */
final class OutlierEjection implements Strategy {
  /** Envoy's outlier detection settings (outlier_detection.proto). */
  record Settings(int consecutive5xx, long intervalNanos, long baseEjectionNanos, long maxEjectionNanos,
                  int maxEjectionPercent, double stdevFactor, int successRateMinimumHosts, int successRateRequestVolume,
                  int failurePercentageThreshold, int enforcingFailurePercentage, int failurePercentageMinimumHosts,
                  int failurePercentageRequestVolume) {
    static final Settings ENVOY = new Settings(5, 10_000_000_000L, 30_000_000_000L, 300_000_000_000L, 10, 1.9, 5, 100,
        85, 0, 5, 50);
  }

  private final List<NodeAddress> nodes;
  private final NodeIndex index;
  private final Settings settings;
  private final LongSupplier nanoClock;
  private final Host[] hosts;
  private long nextInterval;
  private long rotation;
  private final java.util.SplittableRandom enforcement = new java.util.SplittableRandom(1);

  private static final class Host {
    int consecutiveFailures;
    int timesEjected;
    long ejectedUntil = Long.MIN_VALUE;
    long requests;
    long successes;

    boolean ejected(long now) {
      return now < ejectedUntil;
    }
  }

  OutlierEjection(List<NodeAddress> nodes, Settings settings, LongSupplier nanoClock) {
    this.nodes = nodes;
    this.index = new NodeIndex(nodes);
    this.settings = settings;
    this.nanoClock = nanoClock;
    this.hosts = new Host[nodes.size()];
    for (int i = 0; i < hosts.length; i++) {
      hosts[i] = new Host();
    }
    this.nextInterval = nanoClock.getAsLong() + settings.intervalNanos();
  }

  @Override
  public synchronized NodeAddress pick() {
    long now = nanoClock.getAsLong();
    runIntervals(now);
    for (int k = 0; k < nodes.size(); k++) {
      int i = (int) (rotation++ % nodes.size());
      if (!hosts[i].ejected(now)) {
        return nodes.get(i);
      }
    }
    return nodes.get((int) (rotation++ % nodes.size())); // all out: Envoy's panic mode serves all of them
  }

  @Override
  public synchronized void finished(NodeAddress node, Outcome outcome, double latencyMs) {
    int i = index.of(node);
    if (i < 0) {
      return;
    }
    long now = nanoClock.getAsLong();
    runIntervals(now);
    Host host = hosts[i];
    host.requests++;
    if (countsAsSuccess(outcome)) {
      host.successes++;
      host.consecutiveFailures = 0;
    } else if (++host.consecutiveFailures >= settings.consecutive5xx() && !host.ejected(now)) {
      eject(i, now);
      host.consecutiveFailures = 0;
    }
  }

  /** Whether the node is out of rotation now. */
  synchronized boolean isEjected(NodeAddress node) {
    return hosts[index.of(node)].ejected(nanoClock.getAsLong());
  }

  private static boolean countsAsSuccess(Outcome outcome) {
    return outcome == Outcome.OK || outcome == Outcome.BAD_RESPONSE;
  }

  private void eject(int i, long now) {
    long out = 0;
    for (Host h : hosts) {
      out += h.ejected(now) ? 1 : 0;
    }
    long cap = Math.max(1, hosts.length * settings.maxEjectionPercent() / 100);
    if (out >= cap) {
      return;
    }
    Host host = hosts[i];
    host.timesEjected++;
    host.ejectedUntil = now + Math.min(settings.maxEjectionNanos(), settings.baseEjectionNanos() * host.timesEjected);
  }

  private void runIntervals(long now) {
    while (now >= nextInterval) {
      successRateEjections(nextInterval);
      failurePercentageEjections(nextInterval);
      for (Host host : hosts) {
        if (host.ejectedUntil <= nextInterval - settings.intervalNanos() && host.timesEjected > 0) {
          host.timesEjected--; // an interval spent wholly in service takes one off the multiplier
        }
        host.requests = 0;
        host.successes = 0;
      }
      nextInterval += settings.intervalNanos();
    }
  }

  /** The nodes with {@code volume} requests in the interval, or none when fewer than {@code minimumHosts} have that many. */
  private List<Integer> countedHosts(int volume, int minimumHosts) {
    List<Integer> counted = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      if (hosts[i].requests >= volume) {
        counted.add(i);
      }
    }
    return counted.size() < minimumHosts ? List.of() : counted;
  }

  private void successRateEjections(long now) {
    List<Integer> counted = countedHosts(settings.successRateRequestVolume(), settings.successRateMinimumHosts());
    if (counted.isEmpty()) {
      return;
    }
    double mean = counted.stream().mapToDouble(this::successRate).average().orElse(0);
    double variance = counted.stream().mapToDouble(i -> Math.pow(successRate(i) - mean, 2)).average().orElse(0);
    double threshold = mean - settings.stdevFactor() * Math.sqrt(variance);
    for (int i : counted) {
      if (successRate(i) < threshold && !hosts[i].ejected(now)) {
        eject(i, now);
      }
    }
  }

  private void failurePercentageEjections(long now) {
    for (int i : countedHosts(settings.failurePercentageRequestVolume(), settings.failurePercentageMinimumHosts())) {
      if (100 - successRate(i) >= settings.failurePercentageThreshold() && !hosts[i].ejected(now)
          && enforcement.nextInt(100) < settings.enforcingFailurePercentage()) {
        eject(i, now);
      }
    }
  }

  private double successRate(int i) {
    return 100.0 * hosts[i].successes / hosts[i].requests;
  }
}
