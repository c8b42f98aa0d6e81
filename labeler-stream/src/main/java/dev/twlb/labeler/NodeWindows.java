package dev.twlb.labeler;

import dev.twlb.labeler.state.WindowAccumulator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Per-node tumbling windows by event time in a key-value store, each emitted once when it closes: when stream time
 * reaches its end plus the grace. Keys are the window's start (8 bytes, big-endian) and then the node, so the store
 * keeps open windows in the order they close: a record costs one read and one write whatever the number of open
 * windows, and closing costs one ordered scan over exactly the windows that close. An observation whose window has
 * already closed is late: counted and dropped, the rule Kafka Streams' windowed aggregations use.
 *
 * <p>Stream time is the task's ({@code currentStreamTimeMs}), which Kafka Streams commits with the offsets: a
 * restarted labeler neither reopens nor re-emits a window it emitted.
 */
final class NodeWindows implements Processor<String, Object, NodeWindows.Window, WindowAccumulator> {
  /** A closed window of a node: [start, end). */
  record Window(String node, long start, long end) {}

  private final String storeName;
  private final long windowMs;
  private final long graceMs;
  private final LabelerMetrics metrics;
  private ProcessorContext<Window, WindowAccumulator> context;
  private KeyValueStore<Bytes, WindowAccumulator> open;
  /** The start of the oldest open window, or {@code Long.MAX_VALUE} when none is open. */
  private long oldestStart = Long.MAX_VALUE;

  NodeWindows(String storeName, long windowMs, long graceMs, LabelerMetrics metrics) {
    this.storeName = storeName;
    this.windowMs = windowMs;
    this.graceMs = graceMs;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Window, WindowAccumulator> context) {
    this.context = context;
    this.open = context.getStateStore(storeName);
    try (KeyValueIterator<Bytes, WindowAccumulator> first = open.all()) {
      if (first.hasNext()) {
        oldestStart = startOf(first.next().key);
      }
    }
  }

  @Override
  public void process(Record<String, Object> record) {
    long streamTime = context.currentStreamTimeMs();
    long start = record.timestamp() - Math.floorMod(record.timestamp(), windowMs);
    if (closes(start, streamTime)) {
      metrics.lateRecord();
    } else if (record.key() != null) {
      Bytes key = key(start, record.key());
      WindowAccumulator acc = open.get(key);
      open.put(key, Accumulator.add(record.value(), acc == null ? Accumulator.empty() : acc));
      oldestStart = Math.min(oldestStart, start);
    }
    if (closes(oldestStart, streamTime)) {
      emitClosed(streamTime);
    }
  }

  private boolean closes(long start, long streamTime) {
    return start != Long.MAX_VALUE && start + windowMs + graceMs <= streamTime;
  }

  /** Emits, in order of start, every window that closes by {@code streamTime}, and forgets it. */
  private void emitClosed(long streamTime) {
    List<Bytes> emitted = new ArrayList<>();
    oldestStart = Long.MAX_VALUE;
    try (KeyValueIterator<Bytes, WindowAccumulator> windows = open.all()) {
      while (windows.hasNext()) {
        var window = windows.next();
        long start = startOf(window.key);
        if (!closes(start, streamTime)) {
          oldestStart = start;
          break;
        }
        context.forward(new Record<>(new Window(nodeOf(window.key), start, start + windowMs), window.value, start));
        emitted.add(window.key);
      }
    }
    emitted.forEach(open::delete);
  }

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
}
