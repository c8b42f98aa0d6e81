package dev.twlb.app;

import dev.twlb.app.run.TopicSetup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.sink.Rows;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink or labeler killed with SIGKILL and started again with default settings owns its partitions again within
 * 10 s (static membership with an id derived from the host and its directory: no wait for the dead member's
 * session; with dynamic membership both took 45 s here), and is at work again within one rotation interval (the sink)
 * or one window, its grace and the catch-up on what came while it was down (the labeler).
 * A broker and registry of its own, so the labeler's default topics are this test's alone.
 */
class RecoveryIT {
  private static final Duration BACK_WITHIN = Duration.ofSeconds(10);
  /** What the labeler may take, once running, to work off the downtime's records and commit its first new window. */
  private static final Duration CATCH_UP = Duration.ofSeconds(10);

  @TempDir
  static Path dir;

  private static LocalKafka kafka;
  private final ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = LocalKafka.on(dir);
    TopicSetup.ensure(clientProps(), 3);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @AfterEach
  void stopProducing() throws InterruptedException {
    producer.shutdownNow();
    producer.awaitTermination(10, TimeUnit.SECONDS);
  }

  private static Map<String, Object> clientProps() {
    return kafka.clientProps();
  }

  private static List<String> kafkaArgs() {
    return List.of("--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", kafka.registryUrl(), "--port", "0");
  }

  @Test
  void aKilledSinkOwnsItsPartitionsWithinTenSecondsAndWritesWithinOneRotation() throws Exception {
    KafkaProducer<String, LabeledWindow> rows = KafkaClients.producer(Topics.LABELED_METRICS, clientProps());
    AtomicLong sequence = new AtomicLong();
    producer.scheduleAtFixedRate(() -> {
      for (int i = 0; i < 10; i++) {
        long n = sequence.getAndIncrement();
        LabeledWindow row = Rows.row(n, Instant.parse("2026-11-25T07:00:00Z").plusSeconds(n), "benign");
        rows.send(new ProducerRecord<>(Topics.LABELED_METRICS.name(), row.getNodeId(), row));
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    Path data = dir.resolve("sink-data");
    Duration rotation = Duration.ofSeconds(2);
    List<String> args = Stream.concat(Stream.of("sink", "--data-dir", data.toString(), "--rotate-interval", "2s"), kafkaArgs().stream()).toList();
    try (TwlbProcess first = TwlbProcess.start(args.toArray(String[]::new))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> DataFiles.parquetFiles(data) > 0);
      first.kill();
    }
    long filesBefore = DataFiles.parquetFiles(data);
    long restarted = System.nanoTime();
    try (TwlbProcess second = TwlbProcess.start(args.toArray(String[]::new))) {
      await().atMost(Duration.ofSeconds(60)).until(() -> second.output().stream().filter(l -> l.contains(" resumes at ")).count() == 3);
      Duration owned = Duration.ofNanos(System.nanoTime() - restarted);
      await().atMost(Duration.ofSeconds(60)).until(() -> DataFiles.parquetFiles(data) > filesBefore);
      Duration writing = Duration.ofNanos(System.nanoTime() - restarted);
      System.out.println("sink after SIGKILL: partitions owned after " + owned.toMillis() + " ms, first file after " + writing.toMillis() + " ms");
      assertThat(owned).as("from restart until the sink owns its 3 partitions").isLessThanOrEqualTo(BACK_WITHIN);
      assertThat(writing).as("from restart until its first file").isLessThanOrEqualTo(BACK_WITHIN.plus(rotation));
      second.stop(Duration.ofSeconds(30));
    } finally {
      rows.close();
    }
  }

  @Test
  void aKilledLabelerLabelsAgainWithinTenSecondsAndOneWindow() throws Exception {
    KafkaProducer<String, RequestEvent> events = KafkaClients.producer(Topics.REQUEST_EVENTS, clientProps());
    AtomicLong sequence = new AtomicLong();
    producer.scheduleAtFixedRate(() -> {
      for (String node : List.of("node-1", "node-2", "node-3")) {
        events.send(new ProducerRecord<>(Topics.REQUEST_EVENTS.name(), node, RequestEvent.newBuilder()
            .setRequestId(Long.toString(sequence.incrementAndGet())).setNodeId(node).setTsMs(Instant.now()).setLatencyMs(2.0)
            .setStatusCode(200).setOutcome(Outcome.OK).setBytes(100).build()));
      }
    }, 0, 100, TimeUnit.MILLISECONDS);
    Duration windowAndGrace = Duration.ofSeconds(2);
    List<String> args = Stream.concat(Stream.of("labeler", "--state-dir", dir.resolve("labeler-state").toString(), "--window", "1s",
        "--grace", "1s"), kafkaArgs().stream()).toList();
    Map<String, Object> readerProps = new HashMap<>(clientProps());
    readerProps.putAll(Map.of("group.id", "recovery-reader", "auto.offset.reset", "latest", "isolation.level", "read_committed"));
    try (KafkaConsumer<String, LabeledWindow> labeled = KafkaClients.consumer(Topics.LABELED_METRICS, readerProps)) {
      labeled.subscribe(List.of(Topics.LABELED_METRICS.name()));
      try (TwlbProcess first = TwlbProcess.start(args.toArray(String[]::new))) {
        await().atMost(Duration.ofSeconds(90)).until(() -> !labeled.poll(Duration.ofMillis(200)).isEmpty());
        first.kill();
      }
      Instant killed = Instant.now();
      long restarted = System.nanoTime();
      try (TwlbProcess second = TwlbProcess.start(args.toArray(String[]::new))) {
        second.awaitLine("labeler is running", Duration.ofSeconds(90));
        Duration running = Duration.ofNanos(System.nanoTime() - restarted);
        await().atMost(Duration.ofSeconds(90)).until(() -> {
          for (var record : labeled.poll(Duration.ofMillis(200))) {
            if (record.value().getWindowStart().isAfter(killed)) {
              return true;
            }
          }
          return false;
        });
        Duration labeling = Duration.ofNanos(System.nanoTime() - restarted);
        System.out.println("labeler after SIGKILL: running after " + running.toMillis() + " ms, a window that began after the kill labeled "
            + labeling.toMillis() + " ms after restart");
        assertThat(running).as("from restart until the labeler runs its tasks").isLessThanOrEqualTo(BACK_WITHIN);
        // After an unclean stop, exactly-once Streams rebuilds its stores from their changelogs, then works off the
        // records that came while it was down before the first new window closes (measured: 12-13 s after restart).
        assertThat(labeling).as("from restart until a window that began after the kill is labeled")
            .isLessThanOrEqualTo(BACK_WITHIN.plus(windowAndGrace).plus(CATCH_UP));
        second.stop(Duration.ofSeconds(30));
      }
    } finally {
      events.close();
    }
  }
}
