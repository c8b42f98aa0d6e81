package dev.twlb.labeler;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The labeler topology in a TopologyTestDriver, with helpers that speak in seconds of event time. */
final class LabelerDriver implements AutoCloseable {
  static final long WINDOW_MS = 5_000;
  static final long GRACE_MS = 6_000;
  /** A node that only exists to move stream time forward. */
  static final String CLOCK = "clock";

  final LabelerMetrics metrics = new LabelerMetrics();
  final TopologyTestDriver driver;
  private final Map<String, Object> serdes = Map.of("schema.registry.url", "mock://labeler-" + UUID.randomUUID());
  private final TestInputTopic<String, FaultAssignment> assignments;
  private final TestInputTopic<String, FaultConfirmation> confirmations;
  private final TestInputTopic<String, RequestEvent> requests;
  private final TestInputTopic<String, NodeReport> reports;
  private final TestInputTopic<String, MetricSample> scrapes;
  final TestInputTopic<String, byte[]> rawRequests;
  final TestOutputTopic<String, LabeledWindow> output;
  final TestOutputTopic<String, byte[]> dlq;
  final TestOutputTopic<String, LabeledWindow> early;
  final TestOutputTopic<String, LabeledWindow> labeledEarly;
  private final List<LabeledWindow> emitted = new ArrayList<>();

  LabelerDriver() {
    this(Map.of());
  }

  /** A labeler with the test's window and grace and {@code settings} beside them. */
  LabelerDriver(Map<String, Object> settings) {
    Map<String, Object> all = new java.util.HashMap<>(settings);
    all.put(LabelerConfig.WINDOW_MS, WINDOW_MS);
    all.put(LabelerConfig.GRACE_MS, GRACE_MS);
    LabelerConfig config = new LabelerConfig(all);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "labeler-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    driver = new TopologyTestDriver(LabelerTopology.build(config, serdes, metrics), props);
    assignments = input(Topics.FAULT_ASSIGNMENTS);
    confirmations = input(Topics.FAULT_CONFIRMATIONS);
    requests = input(Topics.REQUEST_EVENTS);
    reports = input(Topics.NODE_REPORTS);
    scrapes = input(Topics.NODE_METRICS);
    rawRequests = driver.createInputTopic(Topics.REQUEST_EVENTS.name(), new StringSerializer(), new ByteArraySerializer());
    output = output(Topics.LABELED_METRICS);
    early = output(Topics.EARLY_WINDOWS);
    labeledEarly = output(Topics.LABELED_EARLY_WINDOWS);
    dlq = driver.createOutputTopic(Topics.LABELER_DLQ, new StringDeserializer(), new ByteArrayDeserializer());
  }

  private <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<V> topic) {
    return driver.createInputTopic(topic.name(), new StringSerializer(), topic.valueSerde(serdes).serializer());
  }

  private TestOutputTopic<String, LabeledWindow> output(Topic<LabeledWindow> topic) {
    return driver.createOutputTopic(topic.name(), new StringDeserializer(), topic.valueSerde(serdes).deserializer());
  }

  static Instant at(double seconds) {
    return Instant.ofEpochMilli(Math.round(seconds * 1000));
  }

  /** An assignment, and the node's confirmation that it applied it from its start. */
  void assign(String node, long epoch, String fault, double from, double until, Map<String, Double> params) {
    assignUnconfirmed(node, epoch, fault, from, until, params);
    confirm(node, epoch, fault, from, from);
  }

  /** An assignment the node does not confirm (yet). */
  void assignUnconfirmed(String node, long epoch, String fault, double from, double until, Map<String, Double> params) {
    assignments.pipeInput(node, FaultAssignment.newBuilder().setEpochId(epoch).setNodeId(node).setFaultType(fault)
        .setParams(params).setEffectiveFromMs(at(from)).setEffectiveUntilMs(at(until)).setSeed(1).setRunId("run-t").build(),
        at(from - 3));
  }

  /** The node confirms that it applied the assignment of {@code epoch} (starting at {@code from}) since {@code appliedFrom}. */
  void confirm(String node, long epoch, String fault, double from, double appliedFrom) {
    confirmations.pipeInput(node, FaultConfirmation.newBuilder().setNodeId(node).setRunId("run-t").setEpochId(epoch)
        .setFaultType(fault).setEffectiveFromMs(at(from)).setAppliedFromMs(at(appliedFrom))
        .setConfirmedAtMs(at(appliedFrom)).setProcessStartMs(at(0)).build(), at(appliedFrom));
  }

  /** A request the balancer sent at {@code sentAt}; its record reaches Kafka when it ended. */
  void request(String node, double sentAt, double latencyMs, Outcome outcome, Integer status) {
    request(node, node, sentAt, latencyMs, outcome, status);
  }

  void request(String key, String node, double sentAt, double latencyMs, Outcome outcome, Integer status) {
    requests.pipeInput(key, RequestEvent.newBuilder().setRequestId(UUID.randomUUID().toString()).setNodeId(node)
        .setTsMs(at(sentAt)).setLatencyMs(latencyMs).setStatusCode(status).setOutcome(outcome).setBytes(100).build(),
        at(sentAt + latencyMs / 1000));
  }

  void report(String node, double at, double reportedMs) {
    reports.pipeInput(node, NodeReport.newBuilder().setRequestId(UUID.randomUUID().toString()).setNodeId(node)
        .setTsMs(at(at)).setReportedLatencyMs(reportedMs).setStatusCode(200).build(), at(at));
  }

  void scrape(String node, double at, boolean up, Double cpu, Double residentBytes) {
    scrape(node, at, up, cpu, residentBytes, 50e6, null);
  }

  /** A scrape with every figure given; {@code processStart} (seconds) null as from a node that does not expose it. */
  void scrape(String node, double at, boolean up, Double cpu, Double residentBytes, Double heapBytes, Double processStart) {
    scrapes.pipeInput(node, MetricSample.newBuilder().setNodeId(node).setTsMs(at(at)).setUp(up)
        .setDownReason(up ? null : "refused: Connection refused").setScrapeDurationMs(2).setCpuSecondsTotal(up ? cpu : null)
        .setResidentMemoryBytes(up ? residentBytes : null).setHeapUsedBytes(up ? heapBytes : null)
        .setProcessStartMs(up && processStart != null ? at(processStart) : null)
        .setRequestsByStatus(Map.of()).build(), at(at));
  }

  /** Moves event time to {@code seconds}, which closes every window that ended a grace period earlier. */
  void advanceTo(double seconds) {
    scrape(CLOCK, seconds, true, 1.0, 1e6);
  }

  /** The rows emitted so far for {@code node}. */
  List<LabeledWindow> rows(String node) {
    emitted.addAll(output.readValuesToList());
    return emitted.stream().filter(r -> r.getNodeId().equals(node)).toList();
  }

  /** The row of {@code node}'s window that starts at {@code startSeconds}. */
  LabeledWindow row(String node, double startSeconds) {
    return rows(node).stream().filter(r -> r.getWindowStart().equals(at(startSeconds))).findFirst()
        .orElseThrow(() -> new AssertionError("no window of " + node + " at " + startSeconds + " s; rows: " + rows(node)));
  }

  List<TestRecord<String, byte[]>> deadLetters() {
    return dlq.readRecordsToList();
  }

  @Override
  public void close() {
    driver.close();
  }
}
