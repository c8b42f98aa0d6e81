package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContainerMemoryTest {
  @Test
  void readsDockerStatsSizes() {
    assertThat(ContainerMemory.bytes("512B")).isEqualTo(512);
    assertThat(ContainerMemory.bytes("1.5KiB")).isEqualTo(1536);
    assertThat(ContainerMemory.bytes("123.4MiB")).isEqualTo(Math.round(123.4 * 1024 * 1024));
    assertThat(ContainerMemory.bytes("2GiB")).isEqualTo(2L << 30);
    assertThatThrownBy(() -> ContainerMemory.bytes("12TiB")).hasMessageContaining("12TiB");
  }
}
