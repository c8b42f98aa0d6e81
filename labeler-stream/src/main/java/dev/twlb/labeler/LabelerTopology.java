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
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.EmitStrategy;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The labeler as a pure function of its configuration: requests, reports and scrapes of each node
 * (each scrape paired with the node's previous one, so rates span window boundaries)
 * are folded into tumbling event-time windows, emitted once when a window closes, labeled with the
 * assignments in force during the window (looked up by time in a versioned store), and written to
 * {@code labeled-metrics}. Unusable input goes to the dead-letter topic with headers saying why.
 */
public final class LabelerTopology {
  static final String ASSIGNMENTS_STORE = "assignments-by-time";
  static final String LAST_SCRAPES_STORE = "last-scrape-by-node";
  /** Named after its state format: a changed {@code WindowAccumulator} gets a new store, never old bytes it cannot read. */
  static final String WINDOWS_STORE = "windows-v2";

  /** How long a closed window stays in the store after it could have been emitted (see the window store below). */
  static final java.time.Duration EMIT_MARGIN = java.time.Duration.ofMinutes(10);

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
    requests.merge(reports).merge(scrapes)
        .processValues(() -> new LateRecords(windowMs, graceMs, metrics), Named.as("count-late-records"))
        .groupByKey(Grouped.with(Serdes.String(), null))
        .windowedBy(TimeWindows.ofSizeAndGrace(config.window(), config.grace()))
        .emitStrategy(EmitStrategy.onWindowClose())
        .aggregate(Accumulator::empty, (node, observation, acc) -> Accumulator.add(observation, acc),
            Materialized.<String, WindowAccumulator, WindowStore<Bytes, byte[]>>as(WINDOWS_STORE)
                .withKeySerde(Serdes.String()).withValueSerde(StateSerde.of(WindowAccumulator.class))
                // Uncached: emit-on-window-close's first look for closed windows ranges from time 0, and the
                // caching store walks that range one segment (a minute) at a time: 29 million steps, a minute
                // of a 2-core box before a fresh labeler labels its first window. The store itself visits only
                // the segments it has.
                .withCachingDisabled()
                // A closed window must still be in the store when it is emitted: the store hides windows older
                // than its retention, so with the default (window + grace) a labeler catching up, whose event
                // time runs ahead between two looks, lost windows for good. Kept well beyond that instead.
                .withRetention(config.window().plus(config.grace()).plus(EMIT_MARGIN))
                // Every update goes to the changelog (no cache): segments of ten minutes let the broker delete
                // what is past retention, so a restart restores minutes of history, not the default's day.
                .withLoggingEnabled(Map.of(TopicConfig.SEGMENT_MS_CONFIG, Long.toString(EMIT_MARGIN.toMillis()))))
        .toStream(Named.as("closed-windows"))
        .processValues(() -> new WindowLabeler(ASSIGNMENTS_STORE, metrics, config.dropUnlabeledWindows()), Named.as("label-windows"), ASSIGNMENTS_STORE)
        .selectKey((window, row) -> window.key(), Named.as("key-by-node"))
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
