package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NodeIdDeserializerTest {
  private final NodeIdDeserializer keys = new NodeIdDeserializer();

  @Test
  void theSameBytesGiveTheSameString() {
    String first = keys.deserialize("t", bytes("node-7"));
    assertThat(first).isEqualTo("node-7");
    assertThat(keys.deserialize("t", bytes("node-7"))).isSameAs(first);
  }

  @Test
  void everyIdReadsBackAsItselfAmongMoreIdsThanSlots() {
    for (int round = 0; round < 2; round++) {
      for (int n = 0; n < 40_000; n++) {
        assertThat(keys.deserialize("t", bytes("node-" + n))).isEqualTo("node-" + n);
      }
    }
  }

  @Test
  void readsNonAsciiAndNull() {
    assertThat(keys.deserialize("t", bytes("nœud-1"))).isEqualTo("nœud-1");
    assertThat(keys.deserialize("t", null)).isNull();
  }

  @Test
  void aChangedInputArrayDoesNotChangeTheCachedId() {
    byte[] data = bytes("node-1");
    keys.deserialize("t", data);
    data[5] = '2';
    assertThat(keys.deserialize("t", data)).isEqualTo("node-2");
    assertThat(keys.deserialize("t", bytes("node-1"))).isEqualTo("node-1");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
