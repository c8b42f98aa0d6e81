package dev.twlb.labeler;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.StoreBuilder;

/** Stores of the labeler opened on their own, in {@code stateDir}, without a changelog: as a restarted task finds them. */
final class TestStores {
  private TestStores() {}

  static <S extends StateStore> S opened(StoreBuilder<S> builder, Path stateDir) {
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "labeler-store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0), stateDir.toFile());
    S store = builder.withLoggingDisabled().build();
    store.init(context.getStateStoreContext(), store);
    return store;
  }
}
