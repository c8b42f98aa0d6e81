package dev.twlb.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  @Test
  void defaults() {
    RegistryConfig config = new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, "localhost:9092"));
    assertThat(config.host()).isEqualTo("localhost");
    assertThat(config.port()).isEqualTo(8081);
    assertThat(config.topic()).isEqualTo("_schemas");
    assertThat(config.timeoutMs()).isEqualTo(10_000);
  }

  @Test
  void bootstrapServersAreRequired() {
    assertThatThrownBy(() -> new RegistryConfig(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(RegistryConfig.BOOTSTRAP_SERVERS);
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, "k:9092", RegistryConfig.PORT, 70000)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("port");
    assertThatThrownBy(() -> new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, "k:9092", RegistryConfig.TOPIC, "")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, "k:9092", RegistryConfig.TIMEOUT_MS, 5)))
        .isInstanceOf(ConfigException.class);
  }
}
