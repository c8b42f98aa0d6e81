package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.labeler.state.ScrapePoint;
import java.nio.file.Path;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastScrapeStoreTest {
  @TempDir
  Path state;

  @Test
  void aNodesLastScrapeReachesTheBackingStoreOnlyAtTheFlushBeforeACommit() {
    LastScrapeStore store = opened();
    store.put("node-1", point(2_000));
    store.put("node-1", point(4_000));
    store.put("node-2", point(4_000));
    assertThat(store.get("node-1").getTsMs()).isEqualTo(4_000);
    store.flushCache();
    store.put("node-2", point(6_000)); // never flushed: lost with the process, as its input is
    store.close();

    LastScrapeStore restarted = opened();
    assertThat(restarted.get("node-1").getTsMs()).isEqualTo(4_000);
    assertThat(restarted.get("node-2").getTsMs()).isEqualTo(4_000);
    assertThat(restarted.get("node-3")).isNull();
    restarted.close();
  }

  @Test
  void keysAreTheNodeIdsAsAStringKeyedStoreWroteThemSoEarlierStateStillReads() {
    LastScrapeStore store = opened();
    store.put("nœud-1", point(2_000));
    store.flushCache();
    assertThat(store.wrapped().get(Bytes.wrap(Serdes.String().serializer().serialize("t", "nœud-1"))).getTsMs()).isEqualTo(2_000);
    store.close();
  }

  @Test
  void whatATaskAbandonsIsForgottenAndReadAgainFromTheLastCommit() {
    LastScrapeStore store = opened();
    store.put("node-1", point(2_000));
    store.flushCache();
    store.put("node-1", point(4_000));
    store.clearCache();
    assertThat(store.get("node-1").getTsMs()).isEqualTo(2_000);
    store.close();
  }

  private static ScrapePoint point(long tsMs) {
    return ScrapePoint.newBuilder().setTsMs(tsMs).setCpuSeconds(tsMs / 1000.0).build();
  }

  private LastScrapeStore opened() {
    return TestStores.opened(LastScrapeStore.builder("last-scrapes"), state);
  }
}
