package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class LabelerConfigTest {

  @Test
  void defaults() {
    LabelerConfig config = new LabelerConfig(Map.of());
    assertThat(config.applicationId()).isEqualTo("twlb-labeler");
    assertThat(config.window()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.grace()).as("the balancer's timeout + 1 s").isEqualTo(Duration.ofSeconds(6));
    assertThat(config.topic(LabelerConfig.OUTPUT_TOPIC)).isEqualTo("labeled-metrics");
    assertThat(config.topic(LabelerConfig.DLQ_TOPIC)).isEqualTo("labeler-dlq");
    assertThat(config.topic(LabelerConfig.ASSIGNMENTS_TOPIC)).isEqualTo("fault-assignments");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new LabelerConfig(Map.of(LabelerConfig.WINDOW_MS, 10L))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new LabelerConfig(Map.of(LabelerConfig.GRACE_MS, -1L))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new LabelerConfig(Map.of(LabelerConfig.APPLICATION_ID, ""))).isInstanceOf(ConfigException.class);
  }
}
