package dev.twlb.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {

  @Test
  void defaults() {
    BridgeConfig config = new BridgeConfig(Map.of());
    assertThat(config.interval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(config.topic()).isEqualTo("node-metrics");
    assertThat(config.port()).isEqualTo(9400);
  }

  @Test
  void timeoutMustBeBelowTheInterval() {
    assertThatThrownBy(() -> new BridgeConfig(Map.of(BridgeConfig.INTERVAL_MS, 1000L, BridgeConfig.TIMEOUT_MS, 1000L)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("must be below");
    assertThatThrownBy(() -> new BridgeConfig(Map.of(BridgeConfig.INTERVAL_MS, 10L))).isInstanceOf(ConfigException.class);
  }
}
