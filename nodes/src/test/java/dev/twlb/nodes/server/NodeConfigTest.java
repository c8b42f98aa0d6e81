package dev.twlb.nodes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

  @Test
  void defaults() {
    NodeConfig config = new NodeConfig(Map.of(NodeConfig.NODE_ID, "node-1"));
    assertThat(config.host()).isEqualTo("localhost");
    assertThat(config.port()).isEqualTo(7001);
    assertThat(config.workMs()).isEqualTo(2.0);
    assertThat(config.assignmentsTopic()).isEqualTo("fault-assignments");
    assertThat(config.reportsTopic()).isEqualTo("node-reports");
    assertThat(config.lookback()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new NodeConfig(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("node.id");
    assertThatThrownBy(() -> new NodeConfig(Map.of(NodeConfig.NODE_ID, "n", NodeConfig.PORT, 0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new NodeConfig(Map.of(NodeConfig.NODE_ID, "n", NodeConfig.WORK_MS, -1.0))).isInstanceOf(ConfigException.class);
  }
}
