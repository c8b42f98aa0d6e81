package dev.twlb.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void headerIsMagicByteThenBigEndianId() {
    assertThat(WireFormat.header(0x01020304)).containsExactly(0, 1, 2, 3, 4);
    assertThat(WireFormat.schemaId("t", new byte[] {0, 0, 0, 1, 0, 42})).isEqualTo(256);
  }

  @Test
  void tooShortBytesAreRejectedWithTheReason() {
    assertThatThrownBy(() -> WireFormat.schemaId("request-events", new byte[] {0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("request-events")
        .hasMessageContaining("2 bytes long")
        .hasMessageContaining("5-byte header");
  }

  @Test
  void wrongMagicByteIsRejectedWithTheByteShown() {
    byte[] json = "{\"node_id\":\"node-1\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WireFormat.schemaId("node-metrics", json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("0x7b")
        .hasMessageContaining("not the magic byte");
  }
}
