package dev.twlb.broker;

import dev.twlb.servicekit.FreePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

  @Test
  void defaults() {
    BrokerConfig config = new BrokerConfig(Map.of());
    assertThat(config.dataDir()).isEqualTo(Path.of("./data/kafka"));
    assertThat(config.host()).isEqualTo("localhost");
    assertThat(config.port()).isEqualTo(9092);
    assertThat(config.controllerPort()).isZero();
    assertThat(config.numPartitions()).isEqualTo(3);
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new BrokerConfig(Map.of(BrokerConfig.PORT, -1))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BrokerConfig(Map.of(BrokerConfig.PORT, 65536))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BrokerConfig(Map.of(BrokerConfig.NUM_PARTITIONS, 0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BrokerConfig(Map.of(BrokerConfig.DATA_DIR, ""))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new BrokerConfig(Map.of(BrokerConfig.PORT, "ninety"))).isInstanceOf(ConfigException.class);
  }

  @Test
  void freePortDetectsATakenPort() throws Exception {
    try (var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("localhost"))) {
      assertThatThrownBy(() -> FreePort.requireFree("localhost", socket.getLocalPort()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("already in use");
    }
    int port = FreePort.pick("localhost");
    FreePort.requireFree("localhost", port);
  }
}
