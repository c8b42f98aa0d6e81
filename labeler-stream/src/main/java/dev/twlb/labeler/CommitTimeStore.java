package dev.twlb.labeler;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * State a processor keeps as live objects, backed by a persistent key-value store and its changelog: what changed is
 * written to the backing store (and so to the changelog, in the task's transaction) when Kafka Streams flushes its
 * caches, which it does before every commit, as it does for its own record cache: state and input offsets commit
 * together. Between commits a record costs no encoding, no decoding and no store access.
 *
 * <p>Why an internal type ({@link WrappedStateStore}, a {@code CachedStateStore}): Kafka Streams' public API gives a
 * store no call before a commit ({@code StateStore.commit} comes after it). Decoding and encoding a window around
 * every record was more than half of the labeler's cost per record. {@code CommitTimeStoreContractIT} checks in
 * seconds what this relies on (a flush before every commit, abandoned work forgotten); {@code ChaosIT} SIGKILLs a
 * labeler five times mid-stream and checks that every window is still emitted exactly once.
 *
 * @param <V> the stored form of a value
 */
abstract class CommitTimeStore<V> extends WrappedStateStore<KeyValueStore<Bytes, V>, Bytes, V> {
  /** Whether the live objects hold the backing store's entries (read on first use, after Kafka Streams restored it). */
  private boolean loaded;

  protected CommitTimeStore(KeyValueStore<Bytes, V> backing) {
    super(backing);
  }

  /** Takes one entry of the backing store in as a live object. */
  protected abstract void loadOne(KeyValue<Bytes, V> stored);

  /** What changed since the last flush, as writes to the backing store (a null value deletes), and forgets it. */
  protected abstract List<KeyValue<Bytes, V>> takeChanges();

  /** Drops the live objects and what changed. */
  protected abstract void forgetLive();

  /** Reads the backing store into live objects, once after each (re)start: call it before using them. */
  protected final void load() {
    if (!loaded) {
      try (KeyValueIterator<Bytes, V> stored = wrapped().all()) {
        stored.forEachRemaining(this::loadOne);
      }
      loaded = true;
    }
  }

  /** A persistent store named {@code name} with a changelog, values in {@code type}'s Avro binary; no record cache, this store is its own. */
  static <V extends SpecificRecord, S extends CommitTimeStore<V>> StoreBuilder<S> builder(
      String name, Class<V> type, Function<KeyValueStore<Bytes, V>, S> store) {
    return new Builder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.Bytes(), StateSerde.of(type)), store);
  }

  @Override
  public void init(StateStoreContext context, StateStore root) {
    forget();
    super.init(context, root);
  }

  @Override
  public void flushCache() {
    List<KeyValue<Bytes, V>> changes = takeChanges();
    if (!changes.isEmpty()) {
      wrapped().putAll(changes); // one RocksDB write batch (a write per entry: 3.4% of the stream thread at 5,000 nodes, the batch 1.7%)
    }
    super.flushCache();
  }

  /**
   * Drops what was not committed. Kafka Streams 4.3 calls this when it recycles a task (active to standby or back); a
   * task whose work is abandoned (a dead thread, an aborted transaction) is closed instead and its stores built afresh,
   * which {@link #close} and {@link #init} cover ({@code CommitTimeStoreContractIT}).
   */
  @Override
  public void clearCache() {
    forget();
    super.clearCache();
  }

  @Override
  public void close() {
    forget();
    super.close();
  }

  private void forget() {
    forgetLive();
    loaded = false;
  }

  private record Builder<V, S extends CommitTimeStore<V>>(StoreBuilder<KeyValueStore<Bytes, V>> backing,
      Function<KeyValueStore<Bytes, V>, S> store) implements StoreBuilder<S> {
    @Override
    public StoreBuilder<S> withCachingEnabled() {
      throw new UnsupportedOperationException("a CommitTimeStore is its own cache");
    }

    @Override
    public StoreBuilder<S> withCachingDisabled() {
      return this;
    }

    @Override
    public StoreBuilder<S> withLoggingEnabled(Map<String, String> config) {
      backing.withLoggingEnabled(config);
      return this;
    }

    @Override
    public StoreBuilder<S> withLoggingDisabled() {
      backing.withLoggingDisabled();
      return this;
    }

    @Override
    public S build() {
      return store.apply(backing.build());
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
