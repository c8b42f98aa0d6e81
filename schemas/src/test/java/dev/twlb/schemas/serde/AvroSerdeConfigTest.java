package dev.twlb.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

  @Test
  void defaults() {
    AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", "http://localhost:8081"));
    assertThat(config.registryUrls()).containsExactly("http://localhost:8081");
    assertThat(config.autoRegister()).isTrue();
    assertThat(config.requestTimeoutMs()).isEqualTo(10_000);
  }

  @Test
  void severalUrls() {
    AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", "http://a:1,https://b:2"));
    assertThat(config.registryUrls()).isEqualTo(List.of("http://a:1", "https://b:2"));
  }

  @Test
  void urlIsRequired() {
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("schema.registry.url");
  }

  @Test
  void urlWithoutSchemeIsRejected() {
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "localhost:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http://");
  }

  @Test
  void nonPositiveTimeoutIsRejected() {
    assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("schema.registry.url", "http://x", "schema.registry.request.timeout.ms", 0)))
        .isInstanceOf(ConfigException.class);
  }
}
