package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.servicekit.GroupProgress;
import dev.twlb.servicekit.StreamsRunner;
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
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link CommitTimeStore} relies on in Kafka Streams, checked on the real labeler topology, a real broker and
 * exactly-once, in seconds (a Streams upgrade that breaks it fails here, not minutes into {@code ChaosIT}):
 * <ol>
 *   <li>the store's {@code flushCache} runs before every commit, so what the task changed is in the changelog, in the
 *       same transaction as the input offsets;
 *   <li>when a task's uncommitted work is abandoned (a stream thread dies; its transaction is aborted), the live objects
 *       are dropped and read again from the restored store, so the records processed again count once.
 * </ol>
 */
@ExtendWith(KafkaExtension.class)
class CommitTimeStoreContractIT {
  private static final String BOOM = "boom";

  @TempDir
  Path state;

  @Test
  void theOpenWindowsAreInTheChangelogAtACommitAndAnAbandonedTasksChangesAreForgotten(KafkaFixture kafka) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> topics = new HashMap<>(Map.of(LabelerConfig.REQUEST_EVENTS_TOPIC, "re-" + suffix,
        LabelerConfig.NODE_REPORTS_TOPIC, "nr-" + suffix, LabelerConfig.NODE_METRICS_TOPIC, "nm-" + suffix,
        LabelerConfig.ASSIGNMENTS_TOPIC, "fa-" + suffix, LabelerConfig.CONFIRMATIONS_TOPIC, "fc-" + suffix,
        LabelerConfig.OUTPUT_TOPIC, "lm-" + suffix, LabelerConfig.DLQ_TOPIC, "dlq-" + suffix,
        LabelerConfig.EARLY_TOPIC, "ew-" + suffix, LabelerConfig.LABELED_EARLY_TOPIC, "lew-" + suffix));
    kafka.createTopics(1, topics.values().toArray(String[]::new));
    Map<String, Object> settings = new HashMap<>(topics);
    // dynamic membership: a replaced thread's partitions move at once, not after the dead member's session timeout
    settings.putAll(Map.of(LabelerConfig.APPLICATION_ID, "contract-" + suffix, LabelerConfig.PORT, 0,
        LabelerConfig.STATE_DIR, state.toString(), LabelerConfig.INSTANCE_ID, "dynamic"));
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    // the dead thread's consumer does not leave the group: its partitions move after its session times out (45 s)
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
    LabelerConfig config = new LabelerConfig(settings);
    Topic<RequestEvent> requests = Topics.REQUEST_EVENTS.renamed("re-" + suffix);
    long t0 = Instant.now().minus(Duration.ofHours(1)).toEpochMilli() / 5_000 * 5_000; // a window's start

    AtomicBoolean thrown = new AtomicBoolean();
    LabelerMetrics metrics = new LabelerMetrics();
    Topology topology = LabelerTopology.build(config, props, metrics);
    // After the labeler's own processors have taken the record in: the task's state has changed, uncommitted.
    topology.addProcessor("fail-once-on-boom", () -> new FailOnceOn(thrown), "read-" + requests.name());
    try (StreamsRunner labeler = StreamsRunner.start("labeler", topology, LabelerService.streamsSettings(config, props),
            metrics.registry(), "localhost", 0);
         Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      publish(props, requests, List.of(request("r1", t0 + 100), request("r2", t0 + 200), request("r3", t0 + 300)));
      GroupProgress input = new GroupProgress(admin, config.applicationId(), List.of(requests.name()));
      await().atMost(Duration.ofSeconds(60)).until(() -> input.done() == 3);
      assertThat(changelog(kafka, config.applicationId() + "-" + LabelerTopology.WINDOWS_STORE + "-changelog"))
          .as("node-1's open window, written by flushCache in the transaction that committed its three requests").isNotEmpty();

      publish(props, requests, List.of(request(BOOM, t0 + 400))); // taken in, then the thread dies: its task is abandoned
      GroupProgress withBoom = new GroupProgress(admin, config.applicationId(), List.of(requests.name()));
      await().atMost(Duration.ofSeconds(60)).until(() -> thrown.get() && withBoom.done() == 4); // by the thread replacing it

      publish(props, Topics.NODE_METRICS.renamed("nm-" + suffix), List.of(MetricSample.newBuilder().setNodeId("node-1")
          .setTsMs(Instant.ofEpochMilli(t0 + 60_000)).setUp(true).setScrapeDurationMs(1).setCpuSecondsTotal(1.0)
          .setResidentMemoryBytes(1e8).setRequestsByStatus(Map.of()).build())); // closes the window
      LabeledWindow window = firstWindow(kafka, Topics.LABELED_METRICS.renamed("lm-" + suffix));
      assertThat(window.getWindowStart()).isEqualTo(Instant.ofEpochMilli(t0));
      assertThat(window.getRequestCount()).as("r1-r3 from the restored store, boom processed again and counted once").isEqualTo(4);
    }
  }

  /** Throws on the first request named {@link #BOOM}, as a bug or a lost broker would kill a stream thread. */
  private record FailOnceOn(AtomicBoolean thrown) implements Processor<String, Object, Void, Void> {
    @Override
    public void process(Record<String, Object> record) {
      boolean boom = record.value() instanceof Decoded<?> d && d.value() instanceof RequestEvent r
          && r.getRequestId().toString().equals(BOOM);
      if (boom && thrown.compareAndSet(false, true)) {
        throw new IllegalStateException("a stream thread dies after its task took a record in");
      }
    }
  }

  private static RequestEvent request(String id, long ts) {
    return RequestEvent.newBuilder().setRequestId(id).setNodeId("node-1").setTsMs(Instant.ofEpochMilli(ts)).setLatencyMs(3)
        .setStatusCode(200).setOutcome(Outcome.OK).setBytes(100).build();
  }

  private static List<ConsumerRecord<byte[], byte[]>> changelog(KafkaFixture kafka, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
        "group.id", KafkaFixture.unique("changelog"), "auto.offset.reset", "earliest", "isolation.level", "read_committed"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return !records.isEmpty();
      });
      return records;
    }
  }

  private static LabeledWindow firstWindow(KafkaFixture kafka, Topic<LabeledWindow> topic) {
    try (KafkaConsumer<String, LabeledWindow> consumer = KafkaClients.consumer(topic, Map.of("bootstrap.servers",
        kafka.bootstrapServers(), "schema.registry.url", kafka.registryUrl(), "group.id", KafkaFixture.unique("rows"),
        "auto.offset.reset", "earliest"))) {
      consumer.subscribe(List.of(topic.name()));
      List<LabeledWindow> rows = new ArrayList<>();
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> rows.add(r.value()));
        return !rows.isEmpty();
      });
      return rows.get(0);
    }
  }

  private static <V extends SpecificRecord> void publish(Map<String, Object> props, Topic<V> topic, List<V> values) {
    try (KafkaProducer<String, V> producer = KafkaClients.producer(topic, props)) {
      values.forEach(v -> producer.send(new ProducerRecord<>(topic.name(), "node-1", v)));
      producer.flush();
    }
  }
}
