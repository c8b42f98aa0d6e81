package dev.twlb.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThat(config.rate()).isEqualTo(50.0);
    assertThat(config.duration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.TARGET, "localhost:8080")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http://HOST:PORT/PATH");
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.RATE, 0.0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new TrafficConfig(Map.of(TrafficConfig.DURATION_MS, -1L))).isInstanceOf(ConfigException.class);
  }
}
