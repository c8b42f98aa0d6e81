package dev.twlb.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class TrafficConfigTest {

  @Test
  void defaults() {
    TrafficConfig config = new TrafficConfig(Map.of());
    assertThat(config.target()).isEqualTo(URI.create("http://localhost:8080/process"));
    assertThat(config.rate()).isCloseTo(51.0, within(1e-9)); // 3.4 per node, 15 nodes
    assertThat(config.capped()).isFalse();
    assertThat(config.describeRate()).isEqualTo("51.0 requests/s (15 nodes x 3.4)");
    assertThat(config.duration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void theRateFollowsTheNodesUpToTheCap() {
    TrafficConfig forty = new TrafficConfig(Map.of(TrafficConfig.NODES, 40));
    assertThat(forty.rate()).isCloseTo(136.0, within(1e-9));
    TrafficConfig many = new TrafficConfig(Map.of(TrafficConfig.NODES, 500));
    assertThat(many.rate()).isEqualTo(200.0);
    assertThat(many.capped()).isTrue();
    assertThat(many.describeRate()).startsWith("200.0 requests/s, 0.40 per node: 500 nodes x 3.4 would be 1700/s,"
        + " more than max.rate 200");
  }

  @Test
  void aTotalRateIsTakenAsGiven() {
    TrafficConfig config = new TrafficConfig(Map.of(TrafficConfig.RATE, 400.0, TrafficConfig.NODES, 500));
    assertThat(config.rate()).isEqualTo(400.0);
    assertThat(config.capped()).isFalse();
    assertThat(config.describeRate()).isEqualTo("400.0 requests/s (rate)");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.TARGET, "localhost:8080")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http://HOST:PORT/PATH");
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.RATE, 0.0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.RATE_PER_NODE, 0.0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.NODES, 0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.DURATION_MS, -1L))).isInstanceOf(ConfigException.class);
  }
}
