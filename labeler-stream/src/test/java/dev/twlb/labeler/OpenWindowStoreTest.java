package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenWindowStoreTest {
  @TempDir
  Path state;

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

  @Test
  void whatChangedReachesTheBackingStoreOnlyAtTheFlushBeforeACommit() {
    OpenWindowStore store = opened();
    OpenWindow window = store.update(5_000, "node-1");
    window.counters().setRequestCount(3);
    window.addLatency(12.0);
    store.update(10_000, "node-2").counters().setRequestCount(1);
    store.flushCache();
    store.update(5_000, "node-1").counters().setRequestCount(4); // never flushed: lost with the process, as its input is
    store.close();

    OpenWindowStore restarted = opened();
    assertThat(restarted.oldestStart()).isEqualTo(5_000);
    List<OpenWindow> first = restarted.removeOldest();
    assertThat(first).extracting(w -> w.node).containsExactly("node-1");
    assertThat(first.get(0).counters().getRequestCount()).isEqualTo(3);
    assertThat(first.get(0).latencies().getCount()).isEqualTo(1.0);
    assertThat(restarted.oldestStart()).isEqualTo(10_000);
    restarted.flushCache(); // the emitted window is deleted
    restarted.close();

    OpenWindowStore again = opened();
    assertThat(again.removeOldest()).extracting(w -> w.node + "@" + w.start).containsExactly("node-2@10000");
    assertThat(again.oldestStart()).isEqualTo(Long.MAX_VALUE);
    again.close();
  }

  @Test
  void windowsOfOneStartComeOutByNode() {
    OpenWindowStore store = opened();
    for (String node : List.of("node-3", "node-1", "node-2")) {
      store.update(5_000, node);
    }
    assertThat(store.removeOldest()).extracting(w -> w.node).containsExactly("node-1", "node-2", "node-3");
    store.close();
  }

  @Test
  void aStartTakenOutAndUpdatedAgainIsOpenAgainWithAFreshWindow() {
    OpenWindowStore store = opened();
    store.update(5_000, "node-1").counters().setRequestCount(3);
    store.update(10_000, "node-1");
    store.update(5_000, "node-2");
    assertThat(store.removeOldest()).extracting(w -> w.node).containsExactly("node-1", "node-2");
    store.update(5_000, "node-1");
    assertThat(store.oldestStart()).isEqualTo(5_000);
    List<OpenWindow> again = store.removeOldest();
    assertThat(again).extracting(w -> w.node).containsExactly("node-1");
    assertThat(again.get(0).counters().getRequestCount()).isZero();
    assertThat(store.oldestStart()).isEqualTo(10_000);
    store.close();
  }

  private OpenWindowStore opened() {
    return TestStores.opened(OpenWindowStore.builder("open-windows"), state);
  }
}
