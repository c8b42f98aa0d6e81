package dev.twlb.labeler;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Per-node tumbling windows by event time ({@link OpenWindowStore}), each emitted once when it closes: when stream time
 * reaches its end plus the grace. Open windows are kept by start and then node: a record costs one lookup whatever the
 * number of open windows, and closing costs one walk over exactly the windows that close. An observation whose window has
 * already closed is late: counted and dropped, the rule Kafka Streams' windowed aggregations use.
 *
 * <p>Stream time is the task's ({@code currentStreamTimeMs}), which Kafka Streams commits with the offsets: a
 * restarted labeler neither reopens nor re-emits a window it emitted.
 */
final class NodeWindows implements Processor<String, Object, NodeWindows.Window, OpenWindow> {
  /** A closed window of a node: [start, end). */
  record Window(String node, long start, long end) {}

  private final String storeName;
  private final long windowMs;
  private final long graceMs;
  private final LabelerMetrics metrics;
  private ProcessorContext<Window, OpenWindow> context;
  private OpenWindowStore open;
  private IdleCommit idleCommit;

  NodeWindows(String storeName, long windowMs, long graceMs, LabelerMetrics metrics) {
    this.storeName = storeName;
    this.windowMs = windowMs;
    this.graceMs = graceMs;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<Window, OpenWindow> context) {
    this.context = context;
    this.open = context.getStateStore(storeName);
    this.idleCommit = IdleCommit.scheduleIfLongInterval(context);
  }

  @Override
  public void process(Record<String, Object> record) {
    idleCommit.processed();
    long streamTime = context.currentStreamTimeMs();
    long start = record.timestamp() - Math.floorMod(record.timestamp(), windowMs);
    if (closes(start, streamTime)) {
      metrics.lateRecord();
    } else if (record.key() != null) {
      Accumulator.add(record.value(), open.update(start, record.key()));
    }
    emitClosed(streamTime);
  }

  private boolean closes(long start, long streamTime) {
    return start != Long.MAX_VALUE && start + windowMs + graceMs <= streamTime;
  }

  /** Emits, in order of start and then node, every window that closes by {@code streamTime}, and forgets it. */
  private void emitClosed(long streamTime) {
    while (closes(open.oldestStart(), streamTime)) {
      for (OpenWindow window : open.removeOldest()) {
        context.forward(new Record<>(new Window(window.node, window.start, window.start + windowMs), window, window.start));
      }
    }
  }
}
