package dev.twlb.labeler;

import dev.twlb.labeler.state.ScrapePoint;
import dev.twlb.labeler.state.WindowAccumulator;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;

/**
 * The labeler as a pure function of its configuration: requests, reports and scrapes of each node
 * (each scrape paired with the node's previous one, so rates span window boundaries)
 * are folded into tumbling event-time windows ({@link NodeWindows}), emitted once when a window closes, labeled with the
 * assignments in force during the window (looked up by time in a versioned store), and written to
 * {@code labeled-metrics}. Unusable input goes to the dead-letter topic with headers saying why.
 */
public final class LabelerTopology {
  static final String ASSIGNMENTS_STORE = "assignments-by-time";
  static final String LAST_SCRAPES_STORE = "last-scrape-by-node";
  /**
   * Named after its layout and state format: a changed {@code WindowAccumulator} or key gets a new store, never old
   * bytes it cannot read (v2 was Kafka Streams' window store).
   */
  static final String WINDOWS_STORE = "open-windows-v3";

  private LabelerTopology() {}

  /**
   * @param serdeConfig {@code schema.registry.url} and friends for the Avro serdes
   */
  public static Topology build(LabelerConfig config, Map<String, ?> serdeConfig, LabelerMetrics metrics) {
    StreamsBuilder builder = new StreamsBuilder();
    String dlq = config.topic(LabelerConfig.DLQ_TOPIC);
    long windowMs = config.window().toMillis();
    long graceMs = config.grace().toMillis();

    KStream<String, Object> requests = input(builder, Topics.REQUEST_EVENTS.renamed(config.topic(LabelerConfig.REQUEST_EVENTS_TOPIC)), serdeConfig, dlq, metrics);
    KStream<String, Object> reports = input(builder, Topics.NODE_REPORTS.renamed(config.topic(LabelerConfig.NODE_REPORTS_TOPIC)), serdeConfig, dlq, metrics);
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LAST_SCRAPES_STORE),
        Serdes.String(), StateSerde.of(ScrapePoint.class)));
    KStream<String, Object> scrapes = decodedInput(builder, Topics.NODE_METRICS.renamed(config.topic(LabelerConfig.NODE_METRICS_TOPIC)), serdeConfig, dlq, metrics)
        .mapValues(Decoded::value, Named.as("values-of-node-metrics"))
        .processValues(() -> new ScrapeBaseline(LAST_SCRAPES_STORE), Named.as("pair-scrapes-with-previous"), LAST_SCRAPES_STORE);

    builder.addStateStore(Stores.versionedKeyValueStoreBuilder(
        Stores.persistentVersionedKeyValueStore(ASSIGNMENTS_STORE, config.history()),
        Serdes.String(), Topics.FAULT_ASSIGNMENTS.valueSerde(serdeConfig)));
    decodedInput(builder, Topics.FAULT_ASSIGNMENTS.renamed(config.topic(LabelerConfig.ASSIGNMENTS_TOPIC)), serdeConfig, dlq, metrics)
        .process(() -> new AssignmentRecorder(ASSIGNMENTS_STORE), Named.as("record-assignments"), ASSIGNMENTS_STORE);

    Topic<LabeledWindow> output = Topics.LABELED_METRICS.renamed(config.topic(LabelerConfig.OUTPUT_TOPIC));
    // Cached: updates of a window within a commit interval reach the changelog once; closed windows are deleted.
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WINDOWS_STORE),
        Serdes.Bytes(), StateSerde.of(WindowAccumulator.class)).withCachingEnabled());
    requests.merge(reports).merge(scrapes)
        .process(() -> new NodeWindows(WINDOWS_STORE, windowMs, graceMs, metrics), Named.as("windows-by-node"), WINDOWS_STORE)
        .processValues(() -> new WindowLabeler(ASSIGNMENTS_STORE, metrics, config.dropUnlabeledWindows()), Named.as("label-windows"), ASSIGNMENTS_STORE)
        .selectKey((window, row) -> window.node(), Named.as("key-by-node"))
        .to(output.name(), Produced.with(Serdes.String(), output.valueSerde(serdeConfig)));
    return builder.build();
  }

  /** A validated input stream of one topic, as plain records (bad records are already routed to the DLQ). */
  private static <V extends SpecificRecord> KStream<String, Object> input(
      StreamsBuilder builder, Topic<V> topic, Map<String, ?> serdeConfig, String dlq, LabelerMetrics metrics) {
    return decodedInput(builder, topic, serdeConfig, dlq, metrics).mapValues(Decoded::value, Named.as("values-of-" + topic.name()));
  }

  private static <V extends SpecificRecord> KStream<String, Decoded<V>> decodedInput(
      StreamsBuilder builder, Topic<V> topic, Map<String, ?> serdeConfig, String dlq, LabelerMetrics metrics) {
    TimestampExtractor eventTime = (record, partitionTime) -> record.value() instanceof Decoded<?> d && d.ok()
        ? d.eventTime(record.timestamp()) : record.timestamp();
    Map<String, KStream<String, Decoded<V>>> branches = builder
        .stream(topic.name(), Consumed.with(Serdes.String(), Decoded.serde(topic.valueSerde(serdeConfig)))
            .withTimestampExtractor(eventTime).withName("read-" + topic.name()))
        .processValues(() -> new DeadLetters<V>(metrics), Named.as("check-" + topic.name()))
        .split(Named.as("route-" + topic.name() + "-"))
        .branch((key, decoded) -> DeadLetters.isDeadLetter(decoded), Branched.withConsumer(bad -> bad
            .mapValues(Decoded::raw, Named.as("raw-" + topic.name()))
            .to(dlq, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letters-of-" + topic.name())),
            "dead"))
        .defaultBranch(Branched.as("good"));
    return branches.get("route-" + topic.name() + "-good");
  }
}
