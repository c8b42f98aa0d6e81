package dev.twlb.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  @Test
  void defaults() {
    SinkConfig config = new SinkConfig(Map.of());
    assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
    assertThat(config.topic()).isEqualTo("labeled-metrics");
    assertThat(config.rotateRecords()).isEqualTo(10_000);
    assertThat(config.rotateInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.parquetCodec()).isEqualTo(CompressionCodecName.SNAPPY);
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.PARQUET_CODEC, "BROTLI"))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("BROTLI");
    assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.ROTATE_RECORDS, 0))).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new SinkConfig(Map.of(SinkConfig.ROTATE_INTERVAL_MS, 1L))).isInstanceOf(ConfigException.class);
  }
}
