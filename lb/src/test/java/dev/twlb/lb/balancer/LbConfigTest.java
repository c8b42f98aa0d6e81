package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class LbConfigTest {

  @Test
  void defaults() {
    LbConfig config = new LbConfig(Map.of());
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.timeoutMs()).isEqualTo(5_000);
    assertThat(config.strategy()).isEqualTo(Strategy.Name.ROUND_ROBIN);
    assertThat(config.eventsTopic()).isEqualTo("request-events");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new LbConfig(Map.of(LbConfig.STRATEGY, "fastest")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown strategy");
    assertThatThrownBy(() -> new LbConfig(Map.of(LbConfig.TIMEOUT_MS, 0L))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new LbConfig(Map.of(LbConfig.PORT, 70_000))).isInstanceOf(ConfigException.class);
  }
}
