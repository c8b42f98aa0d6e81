package dev.twlb.labeler;

import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/**
 * Keeps every record in a versioned store under its node, valid from the instant it names: an assignment from its
 * {@code effective_from}, a confirmation from its {@code applied_from}.
 */
final class VersionRecorder<V> implements Processor<String, Object, Void, Void> {
  private final String storeName;
  private final Class<V> type;
  private final Function<V, Instant> validFrom;
  private VersionedKeyValueStore<String, V> store;

  VersionRecorder(String storeName, Class<V> type, Function<V, Instant> validFrom) {
    this.storeName = storeName;
    this.type = type;
    this.validFrom = validFrom;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Object> record) {
    V value = type.cast(record.value());
    store.put(record.key(), value, validFrom.apply(value).toEpochMilli());
  }
}
