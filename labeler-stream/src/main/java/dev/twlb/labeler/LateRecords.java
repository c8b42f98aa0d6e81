package dev.twlb.labeler;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts the observations whose window has already closed when they arrive (by the same rule the
 * windowed aggregation uses to drop them: window end + grace at or before the latest event time
 * seen), so late data is visible in the metrics instead of vanishing.
 */
final class LateRecords implements FixedKeyProcessor<String, Object, Object> {
  private final long windowMs;
  private final long graceMs;
  private final LabelerMetrics metrics;
  private FixedKeyProcessorContext<String, Object> context;
  private long observed = Long.MIN_VALUE;

  LateRecords(long windowMs, long graceMs, LabelerMetrics metrics) {
    this.windowMs = windowMs;
    this.graceMs = graceMs;
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Object> record) {
    long ts = record.timestamp();
    observed = Math.max(observed, ts);
    long windowEnd = ts - Math.floorMod(ts, windowMs) + windowMs;
    if (windowEnd + graceMs <= observed) {
      metrics.lateRecord();
    }
    context.forward(record);
  }
}
