package dev.twlb.labeler;

import dev.twlb.labeler.state.WindowAccumulator;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.LabeledWindow;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/** Labels each closed window from the versioned store of assignments, by time, and turns it into a dataset row. */
final class WindowLabeler implements FixedKeyProcessor<NodeWindows.Window, WindowAccumulator, LabeledWindow> {
  private final String storeName;
  private final LabelerMetrics metrics;
  private final boolean dropUnlabeled;
  private FixedKeyProcessorContext<NodeWindows.Window, LabeledWindow> context;
  private VersionedKeyValueStore<String, FaultAssignment> assignments;

  WindowLabeler(String storeName, LabelerMetrics metrics, boolean dropUnlabeled) {
    this.storeName = storeName;
    this.metrics = metrics;
    this.dropUnlabeled = dropUnlabeled;
  }

  @Override
  public void init(FixedKeyProcessorContext<NodeWindows.Window, LabeledWindow> context) {
    this.context = context;
    this.assignments = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<NodeWindows.Window, WindowAccumulator> record) {
    String node = record.key().node();
    long start = record.key().start();
    long end = record.key().end();
    GroundTruth.Label label = GroundTruth.label(t -> assignments.get(node, t), start, end);
    if (dropUnlabeled && label.unlabeled()) {
      metrics.unlabeledWindowDropped();
      return;
    }
    LabeledWindow row = Features.row(node, start, end, record.value(), label);
    metrics.windowEmitted(row.getRunId(), row.getIsTransition());
    context.forward(record.withValue(row).withTimestamp(start));
  }
}
