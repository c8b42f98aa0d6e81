package dev.twlb.schemas;

import java.util.List;
import java.util.stream.Stream;

/** The default topic names of the data flow, defined once and used everywhere. */
public final class Topics {
  private Topics() {}

  public static final Topic<FaultAssignment> FAULT_ASSIGNMENTS = new Topic<>("fault-assignments", FaultAssignment.class);
  public static final Topic<FaultConfirmation> FAULT_CONFIRMATIONS = new Topic<>("fault-confirmations", FaultConfirmation.class);
  public static final Topic<RequestEvent> REQUEST_EVENTS = new Topic<>("request-events", RequestEvent.class);
  public static final Topic<NodeReport> NODE_REPORTS = new Topic<>("node-reports", NodeReport.class);
  public static final Topic<MetricSample> NODE_METRICS = new Topic<>("node-metrics", MetricSample.class);
  public static final Topic<LabeledWindow> LABELED_METRICS = new Topic<>("labeled-metrics", LabeledWindow.class);
  /** Each node's trailing window of the last few seconds, every half second (the labeler's early hop), as its observations stood then: not labeled yet. */
  public static final Topic<LabeledWindow> EARLY_WINDOWS = new Topic<>("early-windows", LabeledWindow.class);
  /** The same early windows, labeled once their grace has passed: what a real-time detector is trained on. */
  public static final Topic<LabeledWindow> LABELED_EARLY_WINDOWS = new Topic<>("labeled-early-windows", LabeledWindow.class);
  public static final Topic<FaultDetection> FAULT_DETECTIONS = new Topic<>("fault-detections", FaultDetection.class);

  /** Where the labeler puts records it cannot process: original key and bytes, headers say why. */
  public static final String LABELER_DLQ = "labeler-dlq";

  /** The compacted topic that stores the embedded schema registry's state (Confluent's name). */
  public static final String SCHEMAS = "_schemas";

  public static final List<Topic<?>> DATA_TOPICS =
      List.of(FAULT_ASSIGNMENTS, FAULT_CONFIRMATIONS, REQUEST_EVENTS, NODE_REPORTS, NODE_METRICS, LABELED_METRICS,
          EARLY_WINDOWS, LABELED_EARLY_WINDOWS, FAULT_DETECTIONS);

  /** The topics {@code twlb topics} (and {@code twlb run}) create: the data flow and the labeler's dead letters. */
  public static final List<String> SET_UP =
      Stream.concat(DATA_TOPICS.stream().map(Topic::name), Stream.of(LABELER_DLQ)).toList();
}
