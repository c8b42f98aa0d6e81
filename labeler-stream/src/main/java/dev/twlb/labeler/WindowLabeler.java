package dev.twlb.labeler;

import dev.twlb.schemas.LabeledWindow;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Labels each closed window from the versioned stores of assignments and of the node's confirmations, by time, and
 * turns it into a dataset row.
 */
final class WindowLabeler implements Processor<NodeWindows.Window, OpenWindow, String, LabeledWindow> {
  private final LabelerMetrics metrics;
  private final boolean dropUnlabeled;
  private ProcessorContext<String, LabeledWindow> context;
  private StoreLabels labels;

  WindowLabeler(LabelerMetrics metrics, boolean dropUnlabeled) {
    this.metrics = metrics;
    this.dropUnlabeled = dropUnlabeled;
  }

  @Override
  public void init(ProcessorContext<String, LabeledWindow> context) {
    this.context = context;
    this.labels = new StoreLabels(context);
  }

  @Override
  public void process(Record<NodeWindows.Window, OpenWindow> record) {
    String node = record.key().node();
    long start = record.key().start();
    long end = record.key().end();
    GroundTruth.Label label = labels.of(node, start, end);
    if (dropUnlabeled && label.unlabeled()) {
      metrics.unlabeledWindowDropped();
      return;
    }
    LabeledWindow row = Features.row(node, start, end, record.value().counters(), record.value().latencies(), label);
    metrics.windowEmitted(row.getRunId(), row.getIsTransition());
    context.forward(record.withKey(node).withValue(row).withTimestamp(start));
  }
}
