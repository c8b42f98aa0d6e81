package dev.twlb.labeler;

import dev.twlb.labeler.state.WindowAccumulator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * A task's open windows as live objects ({@link OpenWindow}) in the order they close, written to a persistent store
 * and its changelog at each commit ({@link CommitTimeStore}): an observation changes an object only.
 */
final class OpenWindowStore extends CommitTimeStore<WindowAccumulator> {
  /** Open windows by start, then by node. */
  private final NavigableMap<Long, Map<String, OpenWindow>> open = new TreeMap<>();
  private final List<OpenWindow> changed = new ArrayList<>();
  private final List<Bytes> forgotten = new ArrayList<>();

  private OpenWindowStore(KeyValueStore<Bytes, WindowAccumulator> backing) {
    super(backing);
  }

  static StoreBuilder<OpenWindowStore> builder(String name) {
    return CommitTimeStore.builder(name, WindowAccumulator.class, OpenWindowStore::new);
  }

  /** The window of {@code node} from {@code start}, opened empty if there is none; it is written at the next commit. */
  OpenWindow update(long start, String node) {
    load();
    OpenWindow window = open.computeIfAbsent(start, s -> new HashMap<>())
        .computeIfAbsent(node, n -> new OpenWindow(n, start, Accumulator.empty(), false));
    if (window.markChanged()) {
      changed.add(window);
    }
    return window;
  }

  /** The start of the windows that close first, or {@code Long.MAX_VALUE} when none is open. */
  long oldestStart() {
    load();
    return open.isEmpty() ? Long.MAX_VALUE : open.firstKey();
  }

  /** Takes the windows that close first out of the store, by node; they are deleted from the backing store at the next commit. */
  List<OpenWindow> removeOldest() {
    load();
    List<OpenWindow> windows = new ArrayList<>(open.pollFirstEntry().getValue().values());
    windows.sort(Comparator.comparing(window -> window.node));
    for (OpenWindow window : windows) {
      if (window.isStored()) {
        forgotten.add(key(window.start, window.node));
      }
      window.markWritten(false);
    }
    return windows;
  }

  @Override
  protected List<KeyValue<Bytes, WindowAccumulator>> takeChanges() {
    List<KeyValue<Bytes, WindowAccumulator>> writes = new ArrayList<>(forgotten.size() + changed.size());
    forgotten.forEach(key -> writes.add(KeyValue.pair(key, null)));
    forgotten.clear();
    for (OpenWindow window : changed) {
      if (window.isChanged()) {
        writes.add(KeyValue.pair(key(window.start, window.node), window.state()));
        window.markWritten(true);
      }
    }
    changed.clear();
    return writes;
  }

  /**
   * The backing store's key: the window's start (8 bytes, big-endian) and then the node, so the store keeps windows in
   * the order they close.
   */
  static Bytes key(long start, String node) {
    byte[] name = node.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + name.length).putLong(start).put(name).array());
  }

  static long startOf(Bytes key) {
    return ByteBuffer.wrap(key.get()).getLong();
  }

  static String nodeOf(Bytes key) {
    byte[] bytes = key.get();
    return new String(bytes, Long.BYTES, bytes.length - Long.BYTES, StandardCharsets.UTF_8);
  }

  @Override
  protected void forgetLive() {
    open.clear();
    changed.clear();
    forgotten.clear();
  }

  @Override
  protected void loadOne(KeyValue<Bytes, WindowAccumulator> window) {
    long start = startOf(window.key);
    String node = nodeOf(window.key);
    open.computeIfAbsent(start, s -> new HashMap<>()).put(node, new OpenWindow(node, start, window.value, true));
  }
}
