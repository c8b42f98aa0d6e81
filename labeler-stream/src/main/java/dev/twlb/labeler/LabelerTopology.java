package dev.twlb.labeler;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The labeler as a pure function of its configuration, in the Processor API: each input is checked ({@link
 * DeadLetters}: unusable records go to the dead-letter topic with headers saying why); scrapes are paired with the
 * node's previous one ({@link ScrapeBaseline}), so rates span window boundaries; requests, reports and scrapes are
 * folded into tumbling event-time windows per node ({@link NodeWindows}), emitted once when a window closes, labeled
 * with the assignments in force during the window, looked up by time in a versioned store ({@link WindowLabeler}), and
 * written to {@code labeled-metrics}. Beside them, each node's trailing early windows go out every early hop (500 ms)
 * without waiting for the grace, and again labeled once it has passed ({@link EarlyWindows}).
 */
public final class LabelerTopology {
  static final String ASSIGNMENTS_STORE = "assignments-by-time";
  static final String CONFIRMATIONS_STORE = "confirmations-by-time";
  static final String LAST_SCRAPES_STORE = "last-scrape-by-node";
  /**
   * Named after its layout and state format: a changed {@code WindowAccumulator} or key gets a new store, never old
   * bytes it cannot read (v2 was Kafka Streams' window store).
   */
  static final String WINDOWS_STORE = "open-windows-v3";
  private static final String WINDOWS = "windows-by-node";
  private static final String EARLY = "early-windows-by-node";
  private static final String SCRAPES = "pair-scrapes-with-previous";
  private static final String ASSIGNMENTS = "record-assignments";
  private static final String CONFIRMATIONS = "record-confirmations";
  private static final String LABELS = "label-windows";
  private static final String DEAD_LETTERS = "write-dead-letters";

  private LabelerTopology() {}

  /**
   * @param serdeConfig {@code schema.registry.url} and friends for the Avro serdes
   */
  public static Topology build(LabelerConfig config, Map<String, ?> serdeConfig, LabelerMetrics metrics) {
    Topology topology = new Topology();
    long windowMs = config.window().toMillis();
    long graceMs = config.grace().toMillis();
    // One for every input: a node's records then carry the same key String, and map lookups by node compare by identity.
    NodeIdDeserializer nodeIds = new NodeIdDeserializer();
    boolean early = !config.earlyWindow().isZero();
    List<String> observers = early ? List.of(WINDOWS, EARLY) : List.of(WINDOWS);
    String requests = input(topology, Topics.REQUEST_EVENTS.renamed(config.topic(LabelerConfig.REQUEST_EVENTS_TOPIC)), observers, nodeIds, serdeConfig, metrics);
    String reports = input(topology, Topics.NODE_REPORTS.renamed(config.topic(LabelerConfig.NODE_REPORTS_TOPIC)), observers, nodeIds, serdeConfig, metrics);
    String scrapes = input(topology, Topics.NODE_METRICS.renamed(config.topic(LabelerConfig.NODE_METRICS_TOPIC)), List.of(SCRAPES), nodeIds, serdeConfig, metrics);
    String assignments = input(topology, Topics.FAULT_ASSIGNMENTS.renamed(config.topic(LabelerConfig.ASSIGNMENTS_TOPIC)), List.of(ASSIGNMENTS), nodeIds, serdeConfig, metrics);
    String confirmations = input(topology, Topics.FAULT_CONFIRMATIONS.renamed(config.topic(LabelerConfig.CONFIRMATIONS_TOPIC)), List.of(CONFIRMATIONS), nodeIds, serdeConfig, metrics);
    topology.addSink(DEAD_LETTERS, config.topic(LabelerConfig.DLQ_TOPIC), new StringSerializer(), new ByteArraySerializer(),
        requests, reports, scrapes, assignments, confirmations);

    topology.addProcessor(SCRAPES, () -> new ScrapeBaseline(LAST_SCRAPES_STORE), scrapes);
    topology.addStateStore(LastScrapeStore.builder(LAST_SCRAPES_STORE), SCRAPES);

    topology.addProcessor(ASSIGNMENTS, () -> new VersionRecorder<>(ASSIGNMENTS_STORE, FaultAssignment.class,
        FaultAssignment::getEffectiveFromMs), assignments);
    topology.addProcessor(CONFIRMATIONS, () -> new VersionRecorder<>(CONFIRMATIONS_STORE, FaultConfirmation.class,
        FaultConfirmation::getAppliedFromMs), confirmations);
    topology.addProcessor(WINDOWS, () -> new NodeWindows(WINDOWS_STORE, windowMs, graceMs, metrics), requests, reports, SCRAPES);
    topology.addStateStore(OpenWindowStore.builder(WINDOWS_STORE), WINDOWS);
    topology.addProcessor(LABELS, () -> new WindowLabeler(metrics, config.dropUnlabeledWindows()), WINDOWS);
    String[] labelers = early ? new String[] {LABELS, EARLY} : new String[] {LABELS};
    if (early) {
      Topic<LabeledWindow> live = Topics.EARLY_WINDOWS.renamed(config.topic(LabelerConfig.EARLY_TOPIC));
      Topic<LabeledWindow> labeled = Topics.LABELED_EARLY_WINDOWS.renamed(config.topic(LabelerConfig.LABELED_EARLY_TOPIC));
      topology.addProcessor(EARLY, () -> new EarlyWindows(config.earlyWindow().toMillis(), config.earlyHop().toMillis(),
          graceMs, config.dropUnlabeledWindows(), sinkName(live), sinkName(labeled), metrics), requests, reports, SCRAPES);
      addSink(topology, live, serdeConfig, EARLY);
      addSink(topology, labeled, serdeConfig, EARLY);
    }
    topology.addStateStore(Stores.versionedKeyValueStoreBuilder(
        Stores.persistentVersionedKeyValueStore(ASSIGNMENTS_STORE, config.history()),
        Serdes.String(), Topics.FAULT_ASSIGNMENTS.valueSerde(serdeConfig)), concat(ASSIGNMENTS, labelers));
    topology.addStateStore(Stores.versionedKeyValueStoreBuilder(
        Stores.persistentVersionedKeyValueStore(CONFIRMATIONS_STORE, config.history()),
        Serdes.String(), Topics.FAULT_CONFIRMATIONS.valueSerde(serdeConfig)), concat(CONFIRMATIONS, labelers));
    addSink(topology, Topics.LABELED_METRICS.renamed(config.topic(LabelerConfig.OUTPUT_TOPIC)), serdeConfig, LABELS);
    return topology;
  }

  private static String sinkName(Topic<?> topic) {
    return "write-" + topic.name();
  }

  private static void addSink(Topology topology, Topic<LabeledWindow> topic, Map<String, ?> serdeConfig, String parent) {
    topology.addSink(sinkName(topic), topic.name(), new StringSerializer(), topic.valueSerde(serdeConfig).serializer(), parent);
  }

  private static String[] concat(String first, String... rest) {
    return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
  }

  /**
   * Reads one input topic by its event time and checks its records: usable ones go to {@code next}, the others to the
   * dead-letter topic. Returns the name of the check, which the dead-letter sink takes as a parent.
   */
  private static <V extends SpecificRecord> String input(
      Topology topology, Topic<V> topic, List<String> next, NodeIdDeserializer nodeIds, Map<String, ?> serdeConfig, LabelerMetrics metrics) {
    TimestampExtractor eventTime = (record, partitionTime) -> record.value() instanceof Decoded<?> d && d.ok()
        ? d.eventTime(record.timestamp()) : record.timestamp();
    String read = "read-" + topic.name();
    String check = "check-" + topic.name();
    topology.addSource(AutoOffsetReset.earliest(), read, eventTime, nodeIds,
        Decoded.deserializer(topic.valueSerde(serdeConfig)), topic.name());
    topology.addProcessor(check, () -> new DeadLetters<V>(metrics, next, DEAD_LETTERS), read);
    return check;
  }
}
