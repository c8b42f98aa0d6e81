package dev.twlb.labeler;

import dev.twlb.labeler.state.ScrapePoint;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Each node's last successful scrape, as live objects written to a persistent store and its changelog at each commit
 * ({@link CommitTimeStore}). Keys are the node ids in UTF-8, as a {@code String}-keyed store writes them.
 */
final class LastScrapeStore extends CommitTimeStore<ScrapePoint> {
  private final Map<String, ScrapePoint> last = new HashMap<>();
  private final Set<String> changed = new LinkedHashSet<>();

  private LastScrapeStore(KeyValueStore<Bytes, ScrapePoint> backing) {
    super(backing);
  }

  static StoreBuilder<LastScrapeStore> builder(String name) {
    return CommitTimeStore.builder(name, ScrapePoint.class, LastScrapeStore::new);
  }

  /** The node's last successful scrape, or null. */
  ScrapePoint get(String node) {
    load();
    return last.get(node);
  }

  /** Makes {@code point} the node's last scrape; it is written at the next commit. */
  void put(String node, ScrapePoint point) {
    load();
    last.put(node, point);
    changed.add(node);
  }

  @Override
  protected List<KeyValue<Bytes, ScrapePoint>> takeChanges() {
    List<KeyValue<Bytes, ScrapePoint>> writes = new ArrayList<>(changed.size());
    for (String node : changed) {
      writes.add(KeyValue.pair(Bytes.wrap(node.getBytes(StandardCharsets.UTF_8)), last.get(node)));
    }
    changed.clear();
    return writes;
  }

  @Override
  protected void forgetLive() {
    last.clear();
    changed.clear();
  }

  @Override
  protected void loadOne(KeyValue<Bytes, ScrapePoint> scrape) {
    last.put(new String(scrape.key.get(), StandardCharsets.UTF_8), scrape.value);
  }
}
