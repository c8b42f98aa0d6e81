package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.traffic.TrafficConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowForTrafficTest {
  private static final Duration FIVE = Duration.ofSeconds(5);

  @Test
  void aWindowThatHoldsFourRequestsOfEveryNodeStaysAsItIs() {
    assertThat(WindowForTraffic.forNodes(15)).as("15 nodes x 3.4/s: 17 requests of a node in 5 s").isEqualTo(FIVE);
    assertThat(WindowForTraffic.forNodes(250)).as("200/s over 250 nodes: exactly 4 in 5 s").isEqualTo(FIVE);
    assertThat(WindowForTraffic.of(FIVE, 0.8)).isEqualTo(FIVE);
  }

  @Test
  void fewerRequestsPerNodeStretchTheWindowToWholeSecondsThatHoldFour() {
    assertThat(WindowForTraffic.forNodes(500)).as("200/s over 500 nodes, 0.4 each").isEqualTo(Duration.ofSeconds(10));
    assertThat(WindowForTraffic.forNodes(1000)).isEqualTo(Duration.ofSeconds(20));
    assertThat(WindowForTraffic.of(FIVE, 0.3)).as("4 / 0.3 = 13.3 s").isEqualTo(Duration.ofSeconds(14));
    assertThat(WindowForTraffic.of(FIVE, Map.of(TrafficConfig.NODES, 500, TrafficConfig.MAX_RATE, 400.0)))
        .as("a higher cap, 0.8 each").isEqualTo(FIVE);
    assertThat(WindowForTraffic.reason(FIVE, Duration.ofSeconds(10), 0.4))
        .startsWith("window 10s: each node gets 0.40 requests/s, so a 5s window would hold 2.0 of its requests");
  }
}
