package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.GroupProgress;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labeler on a real broker with exactly-once on: three epochs of assignments and the events
 * they cause, and every emitted row's label checked against an independent recomputation.
 */
@ExtendWith(KafkaExtension.class)
class LabelerIT {
  private static final List<String> NODES = List.of("node-1", "node-2", "node-3", "node-4");
  private static final long EPOCH_MS = 10_500;
  private static final String[][] PLAN = {
      {"benign", "delay", "500-error", "crash"},
      {"lie-latency", "benign", "crash", "benign"},
      {"corrupt", "benign", "benign", "500-error"}};

  @TempDir
  Path state;

  @Test
  void everyNonTransitionRowCarriesTheFaultInForceForItsNodeAndWindow(KafkaFixture kafka) throws Exception {
    History history = History.published(kafka, state);
    List<LabeledWindow> rows;
    try (LabelerService labeler = LabelerService.start(new LabelerConfig(history.settings()), history.props())) {
      rows = history.awaitRows(kafka);
      assertThat(labeler.state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(labeler.metrics().windowsEmitted()).isGreaterThanOrEqualTo(History.EXPECTED_ROWS);
    }

    List<FaultAssignment> assignments = history.assignments();
    assertThat(rows).hasSize(History.EXPECTED_ROWS);
    assertThat(rows).extracting(r -> r.getNodeId() + "@" + r.getWindowStart()).doesNotHaveDuplicates();
    List<String> mismatches = new ArrayList<>();
    for (LabeledWindow row : rows) {
      String expected = recompute(assignments, row.getNodeId(), row.getWindowStart().toEpochMilli(), row.getWindowEnd().toEpochMilli());
      if (!row.getIsTransition() && !row.getFaultType().equals(expected)) {
        mismatches.add(row.getNodeId() + " " + row.getWindowStart() + ": " + row.getFaultType() + " != " + expected);
      }
      if (!row.getIsTransition()) {
        assertThat(row.getLabelPurity()).isEqualTo(1.0);
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(rows).filteredOn(LabeledWindow::getIsTransition).isNotEmpty();
    assertThat(rows).filteredOn(r -> !r.getIsTransition()).extracting(LabeledWindow::getFaultType)
        .contains("benign", "delay", "500-error", "crash", "lie-latency", "corrupt");
  }

  /**
   * Re-labeling's settings commit when the input pauses, whatever the commit interval: with one of ten minutes, the
   * history's labels (read_committed) and its input offsets, which {@code twlb relabel} waits for, are committed soon
   * after its last record.
   */
  @Test
  void aHistoryIsCommittedWhenItsInputEndsNotAtTheCommitInterval(KafkaFixture kafka) throws Exception {
    History history = History.published(kafka, state);
    Map<String, Object> props = new HashMap<>(history.props());
    props.putAll(LabelerService.HISTORY_SETTINGS);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Duration.ofMinutes(10).toMillis());
    props.put(StreamsConfig.producerPrefix("transaction.timeout.ms"), (int) Duration.ofMinutes(15).toMillis()); // at least the interval
    LabelerConfig config = new LabelerConfig(history.settings());
    try (LabelerService labeler = LabelerService.start(config, props);
         Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      GroupProgress input = new GroupProgress(admin, config.applicationId(), config.inputTopics());
      assertThat(history.awaitRows(kafka)).hasSize(History.EXPECTED_ROWS);
      // what twlb relabel waits for: every input record's offset committed
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(input.done()).isEqualTo(input.total()));
    }
  }

  /** Three epochs of a four-node history on a real broker, and how to read what the labeler made of it. */
  private record History(Map<String, String> topics, Map<String, Object> props, Map<String, Object> settings,
                         List<FaultAssignment> assignments) {
    static final int EXPECTED_ROWS = NODES.size() * 7; // windows [t0, t0 + 35 s) of every node
    static final int PARTITIONS = 3;

    static History published(KafkaFixture kafka, Path state) {
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      Map<String, String> topics = Map.of(
          LabelerConfig.REQUEST_EVENTS_TOPIC, "re-" + suffix, LabelerConfig.NODE_REPORTS_TOPIC, "nr-" + suffix,
          LabelerConfig.NODE_METRICS_TOPIC, "nm-" + suffix, LabelerConfig.ASSIGNMENTS_TOPIC, "fa-" + suffix,
          LabelerConfig.CONFIRMATIONS_TOPIC, "fc-" + suffix, LabelerConfig.OUTPUT_TOPIC, "lm-" + suffix,
          LabelerConfig.DLQ_TOPIC, "dlq-" + suffix);
      kafka.createTopics(PARTITIONS, topics.values().toArray(String[]::new));
      Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
      props.put("bootstrap.servers", kafka.bootstrapServers());

      long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 5_000 * 5_000; // aligned to the windows
      List<FaultAssignment> assignments = LabelerIT.assignments(t0);
      publish(props, Topics.FAULT_ASSIGNMENTS.renamed(topics.get(LabelerConfig.ASSIGNMENTS_TOPIC)), assignments);
      // every node applied its assignments on time
      publish(props, Topics.FAULT_CONFIRMATIONS.renamed(topics.get(LabelerConfig.CONFIRMATIONS_TOPIC)), assignments.stream()
          .map(a -> GroundTruthTest.confirmation(a, a.getEffectiveFromMs().toEpochMilli())).toList());
      publishObservations(props, topics, assignments, t0);

      Map<String, Object> settings = new HashMap<>(topics);
      settings.put(LabelerConfig.APPLICATION_ID, "labeler-it-" + suffix);
      settings.put(LabelerConfig.PORT, 0);
      settings.put(LabelerConfig.STATE_DIR, state.toString());
      return new History(topics, props, settings, assignments);
    }

    /** The labeled windows (read_committed), once {@link #EXPECTED_ROWS} of them are there. */
    List<LabeledWindow> awaitRows(KafkaFixture kafka) {
      Topic<LabeledWindow> output = Topics.LABELED_METRICS.renamed(topics.get(LabelerConfig.OUTPUT_TOPIC));
      List<LabeledWindow> rows = new CopyOnWriteArrayList<>();
      try (KafkaConsumer<String, LabeledWindow> consumer = KafkaClients.consumer(output, Map.of(
          "bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", kafka.registryUrl(),
          "group.id", KafkaFixture.unique("reader"), "auto.offset.reset", "earliest"))) {
        consumer.subscribe(List.of(output.name()));
        await().atMost(Duration.ofSeconds(90)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> rows.add(r.value()));
          return rows.size() >= EXPECTED_ROWS;
        });
      }
      return rows;
    }
  }

  /** The label computed straight from the assignments: the fault covering most of the window, millisecond by millisecond. */
  private static String recompute(List<FaultAssignment> assignments, String node, long start, long end) {
    Map<String, Long> covered = new HashMap<>();
    for (long t = start; t < end; t++) {
      String fault = "unknown";
      for (FaultAssignment a : assignments) {
        if (a.getNodeId().equals(node) && a.getEffectiveFromMs().toEpochMilli() <= t && t < a.getEffectiveUntilMs().toEpochMilli()) {
          fault = a.getFaultType();
        }
      }
      covered.merge(fault, 1L, Long::sum);
    }
    return covered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static List<FaultAssignment> assignments(long t0) {
    List<FaultAssignment> all = new ArrayList<>();
    for (int epoch = 0; epoch < PLAN.length; epoch++) {
      for (int n = 0; n < NODES.size(); n++) {
        all.add(FaultAssignment.newBuilder().setEpochId(epoch).setNodeId(NODES.get(n)).setFaultType(PLAN[epoch][n])
            .setParams(Map.of()).setEffectiveFromMs(Instant.ofEpochMilli(t0 + epoch * EPOCH_MS))
            .setEffectiveUntilMs(Instant.ofEpochMilli(t0 + (epoch + 1) * EPOCH_MS)).setSeed(5).setRunId("run-it").build());
      }
    }
    return all;
  }

  /** What the balancer, the nodes and the bridge would have published, consistent with each node's fault. */
  private static void publishObservations(Map<String, Object> props, Map<String, String> topics,
                                          List<FaultAssignment> assignments, long t0) {
    List<RequestEvent> requests = new ArrayList<>();
    List<NodeReport> reports = new ArrayList<>();
    List<MetricSample> scrapes = new ArrayList<>();
    long end = t0 + PLAN.length * EPOCH_MS;
    for (String node : NODES) {
      for (long t = t0; t < end; t += 250) {
        String fault = recompute(assignments, node, t, t + 1);
        Outcome outcome = switch (fault) {
          case "delay" -> Outcome.TIMEOUT;
          case "500-error" -> Outcome.HTTP_ERROR;
          case "crash" -> Outcome.CONNECT_ERROR;
          case "corrupt" -> Outcome.BAD_RESPONSE;
          default -> Outcome.OK;
        };
        double latency = switch (fault) {
          case "delay" -> 5000;
          case "lie-latency" -> 3500;
          default -> 2;
        };
        Integer status = outcome == Outcome.HTTP_ERROR ? Integer.valueOf(500)
            : outcome == Outcome.OK || outcome == Outcome.BAD_RESPONSE ? Integer.valueOf(200) : null;
        String id = UUID.randomUUID().toString();
        requests.add(RequestEvent.newBuilder().setRequestId(id).setNodeId(node).setTsMs(Instant.ofEpochMilli(t))
            .setLatencyMs(latency).setStatusCode(status).setOutcome(outcome).setBytes(100).build());
        if (!fault.equals("crash")) {
          reports.add(NodeReport.newBuilder().setRequestId(id).setNodeId(node).setTsMs(Instant.ofEpochMilli(t + 1))
              .setReportedLatencyMs(fault.equals("lie-latency") ? 2 : latency).setStatusCode(status == null ? 200 : status).build());
        }
        if ((t - t0) % 1000 == 0) {
          boolean up = !fault.equals("crash");
          scrapes.add(MetricSample.newBuilder().setNodeId(node).setTsMs(Instant.ofEpochMilli(t)).setUp(up)
              .setDownReason(up ? null : "refused").setScrapeDurationMs(1).setCpuSecondsTotal(up ? (t - t0) / 10_000.0 : null)
              .setResidentMemoryBytes(up ? 1e8 : null).setRequestsByStatus(Map.of()).build());
        }
      }
      // one late scrape per node moves event time far enough to close every window above
      scrapes.add(MetricSample.newBuilder().setNodeId(node).setTsMs(Instant.ofEpochMilli(end + 30_000)).setUp(true)
          .setScrapeDurationMs(1).setCpuSecondsTotal(9.0).setResidentMemoryBytes(1e8).setRequestsByStatus(Map.of()).build());
    }
    // as in a live run, every topic holds its records roughly in time order, all nodes interleaved
    requests.sort(java.util.Comparator.comparing(RequestEvent::getTsMs));
    reports.sort(java.util.Comparator.comparing(NodeReport::getTsMs));
    scrapes.sort(java.util.Comparator.comparing(MetricSample::getTsMs));
    publish(props, Topics.REQUEST_EVENTS.renamed(topics.get(LabelerConfig.REQUEST_EVENTS_TOPIC)), requests);
    publish(props, Topics.NODE_REPORTS.renamed(topics.get(LabelerConfig.NODE_REPORTS_TOPIC)), reports);
    publish(props, Topics.NODE_METRICS.renamed(topics.get(LabelerConfig.NODE_METRICS_TOPIC)), scrapes);
  }

  private static <V extends SpecificRecord> void publish(Map<String, Object> props, Topic<V> topic, List<V> values) {
    try (KafkaProducer<String, V> producer = KafkaClients.producer(topic, props)) {
      for (V value : values) {
        String node = value.get(value.getSchema().getField("node_id").pos()).toString();
        producer.send(new ProducerRecord<>(topic.name(), node, value));
      }
      producer.flush();
    }
  }
}
