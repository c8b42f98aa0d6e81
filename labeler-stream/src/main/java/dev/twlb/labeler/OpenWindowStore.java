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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * A task's open windows as live objects ({@link OpenWindow}) in the order they close, backed by a persistent key-value
 * store and its changelog. An observation changes an object only; the windows changed since the last commit are
 * written to the backing store (and so to the changelog, in the task's transaction) when Kafka Streams flushes its
 * caches, which it does before every commit, as it does for its own record cache: state and input offsets commit
 * together.
 *
 * <p>Why an internal type ({@link WrappedStateStore}, a {@code CachedStateStore}): Kafka Streams' public API gives a
 * store no call before a commit ({@code StateStore.commit} comes after it). Decoding and encoding a window around
 * every record was more than half of the labeler's cost per record. {@code ChaosIT} SIGKILLs a labeler five times
 * mid-stream and checks that every window is still emitted exactly once.
 */
final class OpenWindowStore extends WrappedStateStore<KeyValueStore<Bytes, WindowAccumulator>, Bytes, WindowAccumulator> {
  /** Open windows by start, then by node. */
  private final NavigableMap<Long, Map<String, OpenWindow>> open = new TreeMap<>();
  private final List<OpenWindow> changed = new ArrayList<>();
  private final List<Bytes> forgotten = new ArrayList<>();
  /** Whether {@link #open} holds the backing store's windows (read on first use, after Kafka Streams restored it). */
  private boolean loaded;

  private OpenWindowStore(KeyValueStore<Bytes, WindowAccumulator> backing) {
    super(backing);
  }

  /** A persistent store with a changelog under {@code name}; no record cache, this store is its own. */
  static StoreBuilder<OpenWindowStore> builder(String name) {
    return new Builder(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(),
        StateSerde.of(WindowAccumulator.class)));
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forgetLiveWindows();
    super.init(context, root);
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
  public void flushCache() {
    forgotten.forEach(wrapped()::delete);
    forgotten.clear();
    for (OpenWindow window : changed) {
      if (window.isChanged()) {
        wrapped().put(key(window.start, window.node), window.state());
        window.markWritten(true);
      }
    }
    changed.clear();
    super.flushCache();
  }

  /** Drops what was not committed (Kafka Streams calls this when it abandons a task's uncommitted work). */
  @Override
  public void clearCache() {
    forgetLiveWindows();
    super.clearCache();
  }

  @Override
  public void close() {
    forgetLiveWindows();
    super.close();
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

  private void forgetLiveWindows() {
    open.clear();
    changed.clear();
    forgotten.clear();
    loaded = false;
  }

  private void load() {
    if (!loaded) {
      try (KeyValueIterator<Bytes, WindowAccumulator> stored = wrapped().all()) {
        stored.forEachRemaining(window -> {
          long start = startOf(window.key);
          String node = nodeOf(window.key);
          open.computeIfAbsent(start, s -> new HashMap<>()).put(node, new OpenWindow(node, start, window.value, true));
        });
      }
      loaded = true;
    }
  }

  private record Builder(StoreBuilder<KeyValueStore<Bytes, WindowAccumulator>> backing) implements StoreBuilder<OpenWindowStore> {
    @Override
    public StoreBuilder<OpenWindowStore> withCachingEnabled() {
      throw new UnsupportedOperationException("an OpenWindowStore is its own cache");
    }

    @Override
    public StoreBuilder<OpenWindowStore> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<OpenWindowStore> withLoggingEnabled(Map<String, String> config) {
      backing.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<OpenWindowStore> withLoggingDisabled() {
      backing.withLoggingDisabled();
      return this;
    }

    @Override
    public OpenWindowStore build() {
      return new OpenWindowStore(backing.build());
    }

    @Override
    public Map<String, String> logConfig() {
      return backing.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
      return backing.loggingEnabled();
    }

    @Override
    public String name() {
      return backing.name();
    }
  }
}
