package dev.twlb.app;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.traffic.TrafficConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * A labeled window long enough to show a node's faults at the traffic the node gets. Beyond a few hundred nodes the
 * traffic per node falls ({@code traffic.max.rate} caps the total), and a node that fails 10% of its requests shows no
 * error in 81% of its windows of two requests: no detector names what a window does not hold. So a run or a compose
 * profile that is not given a window stretches the labeler's default to hold {@link #MIN_REQUESTS} requests of every
 * node: 10 s for 500 nodes sharing 200 requests/s.
 */
final class WindowForTraffic {
  /**
   * Requests of one node a window should hold. At 500 nodes (bench/README.md, Hundreds of nodes), windows of two gave
   * the detector a macro-F1 of 0.93 on held-out epochs, windows of four 0.98.
   */
  static final double MIN_REQUESTS = 4;

  private WindowForTraffic() {}

  /** {@code window}, or the shortest whole number of seconds above it that holds {@link #MIN_REQUESTS} of a node's requests. */
  static Duration of(Duration window, double requestsPerNodePerSecond) {
    if (requestsPerNodePerSecond <= 0 || window.toMillis() / 1000.0 * requestsPerNodePerSecond >= MIN_REQUESTS - 1e-9) {
      return window;
    }
    return Duration.ofSeconds((long) Math.ceil(MIN_REQUESTS / requestsPerNodePerSecond - 1e-9));
  }

  /** The window for the traffic's settings ({@code traffic} with {@link TrafficConfig#NODES}) when none was asked for. */
  static Duration of(Duration window, Map<String, Object> traffic) {
    TrafficConfig config = new TrafficConfig(traffic);
    return of(window, config.rate() / config.nodes());
  }

  /** The labeler's default window, stretched for the default traffic of {@code nodes} nodes. */
  static Duration forNodes(int nodes) {
    return of(new LabelerConfig(Map.of()).window(), Map.of(TrafficConfig.NODES, nodes));
  }

  /** The labeler's default window, stretched for {@code nodes} nodes sharing at most {@code maxRate} requests/s. */
  static Duration forNodes(int nodes, double maxRate) {
    return of(new LabelerConfig(Map.of()).window(), Map.of(TrafficConfig.NODES, nodes, TrafficConfig.MAX_RATE, maxRate));
  }

  /** Why {@code stretched} replaced {@code window}, in one line. */
  static String reason(Duration window, Duration stretched, double requestsPerNodePerSecond) {
    return String.format(Locale.ROOT, "window %ds: each node gets %.2f requests/s, so a %ds window would hold %.1f of its"
        + " requests, too few to show a fault that fails some of them (--window to choose)", stretched.toSeconds(),
        requestsPerNodePerSecond, window.toSeconds(), window.toMillis() / 1000.0 * requestsPerNodePerSecond);
  }
}
