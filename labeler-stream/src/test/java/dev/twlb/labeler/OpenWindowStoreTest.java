package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

class OpenWindowStoreTest {
  @Test
  void storeKeysSortByWindowStartFirstSoOpenWindowsAreReadInTheOrderTheyClose() {
    List<Bytes> keys = new ArrayList<>(List.of(OpenWindowStore.key(1_796_000_010_000L, "node-1"),
        OpenWindowStore.key(1_796_000_005_000L, "node-9"), OpenWindowStore.key(1_796_000_005_000L, "node-10"),
        OpenWindowStore.key(255_000L, "node-2"), OpenWindowStore.key(256_000L, "node-2")));
    keys.sort(null); // Bytes compare as unsigned bytes, as RocksDB orders keys
    assertThat(keys).extracting(OpenWindowStore::startOf)
        .containsExactly(255_000L, 256_000L, 1_796_000_005_000L, 1_796_000_005_000L, 1_796_000_010_000L);
    assertThat(keys).extracting(OpenWindowStore::nodeOf).containsExactly("node-2", "node-2", "node-10", "node-9", "node-1");
  }
}
