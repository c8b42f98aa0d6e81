package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import dev.twlb.app.run.ChildPrograms;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code twlb sink} as its own JVM, killed with SIGKILL at seeded moments while it writes and rows keep flowing
 * and started again each time; afterwards every row is in exactly one Parquet file and exactly one
 * CSV file, as DuckDB (a reader sharing no code with the sink) sees them.
 */
@ExtendWith(KafkaExtension.class)
class SinkCrashIT {
  private static final int KILLS = 6;
  /** Row n's window starts n seconds after this: the rows span several hours, long closed. */
  private static final Instant ROWS_FROM = Instant.parse("2026-11-24T03:55:00Z");

  @TempDir
  Path data;

  @TempDir
  Path logs;

  @Test
  void everyRowIsInExactlyOneFileOfEachFormatAfterRepeatedKills(KafkaFixture kafka) throws Exception {
    Topic<LabeledWindow> topic = Topics.LABELED_METRICS.renamed(KafkaFixture.unique("lm"));
    kafka.createTopics(3, topic.name());
    long seed = Long.getLong("twlb.kill.seed", 20_261_125L);
    Random random = new Random(seed);
    String replay = " (kill moments from seed " + seed + "; replay with -Dtwlb.kill.seed=" + seed + ")";
    System.out.println("kill moments drawn with seed " + seed);
    List<String> sinkArgs = List.of("sink", "--data-dir", data.toString(), "--topic", topic.name(),
        "--group-id", KafkaFixture.unique("sink"), "--rotate-records", "40", "--rotate-interval", "700ms", "--port", "0",
        "--bootstrap-servers", kafka.bootstrapServers(), "--schema-registry-url", kafka.registryUrl());

    AtomicLong produced = new AtomicLong();
    Thread producer = new Thread(() -> produceUntilInterrupted(kafka, topic, produced), "rows");
    producer.start();
    List<Integer> exitCodes = new ArrayList<>();
    List<Long> filesAfterEachKill = new ArrayList<>();
    for (int kill = 0; kill < KILLS; kill++) {
      long filesBefore = visibleFiles();
      Process sink = start(sinkArgs, kill);
      // Kill a sink that is writing: once it has committed a file of its own, after a further 0.1-1 s of rows
      // (rotation every 40 rows, so the kill lands between, during or just after a commit).
      await().atMost(Duration.ofSeconds(60)).until(() -> visibleFiles() > filesBefore);
      long killAt = produced.get() + 40 + random.nextInt(360);
      await().atMost(Duration.ofSeconds(60)).until(() -> produced.get() >= killAt);
      sink.destroyForcibly(); // SIGKILL: no shutdown hook, no flush, no commit
      exitCodes.add(sink.waitFor());
      filesAfterEachKill.add(visibleFiles());
    }
    producer.interrupt();
    producer.join();
    long total = produced.get();

    System.out.println("kills done at " + Instant.now() + " after " + total + " rows");
    Process last = start(sinkArgs, KILLS);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> count("read_parquet", topic) == total && count("read_csv", topic) == total);
    } finally {
      last.destroy();
      last.waitFor();
    }

    System.out.println("all rows visible at " + Instant.now());
    assertThat(exitCodes).as("exit codes" + replay).containsOnly(137);
    System.out.println("visible files after each kill: " + filesAfterEachKill);
    List<Long> expected = LongStream.range(0, total).boxed().toList();
    assertThat(sequences("read_parquet", topic)).as("every row once in Parquet" + replay).containsExactlyElementsOf(expected);
    assertThat(sequences("read_csv", topic)).as("every row once in CSV" + replay).containsExactlyElementsOf(expected);
    try (Stream<Path> files = Files.walk(data)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).as("temporary files left").isEmpty();
    }
    System.out.println(total + " rows, " + KILLS + " kills");
    compactionKeepsEveryRowOnceAndTheSinkResumesOnIt(kafka, topic, sinkArgs, total, replay);
  }

  /** {@code twlb compact} on the directory the kills left: fewer files, every row once, and a sink that goes on. */
  private void compactionKeepsEveryRowOnceAndTheSinkResumesOnIt(KafkaFixture kafka, Topic<LabeledWindow> topic, List<String> sinkArgs,
      long total, String replay) throws Exception {
    long filesBefore = visibleFiles();
    try (TwlbProcess compact = TwlbProcess.start("compact", "--data-dir", data.toString())) {
      assertThat(compact.waitForExit(Duration.ofSeconds(120))).as(String.join("\n", compact.output())).isZero();
    }
    System.out.println("Parquet files before compaction: " + filesBefore + ", after: " + visibleFiles());
    assertThat(visibleFiles()).as("Parquet files after compaction").isLessThan(filesBefore);
    List<Long> expected = LongStream.range(0, total).boxed().toList();
    assertThat(sequences("read_parquet", topic)).as("every row once in Parquet, compacted" + replay).containsExactlyElementsOf(expected);
    assertThat(sequences("read_csv", topic)).as("every row once in CSV, compacted" + replay).containsExactlyElementsOf(expected);

    long more = 200;
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    try (KafkaProducer<String, LabeledWindow> producer = KafkaClients.producer(topic, props)) {
      for (long sequence = total; sequence < total + more; sequence++) {
        LabeledWindow row = dev.twlb.sink.Rows.row(sequence, ROWS_FROM.plusSeconds(sequence), "benign");
        producer.send(new ProducerRecord<>(topic.name(), row.getNodeId(), row));
      }
    }
    Process again = start(sinkArgs, KILLS + 1);
    try {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
          .until(() -> count("read_parquet", topic) == total + more && count("read_csv", topic) == total + more);
    } finally {
      again.destroy();
      again.waitFor();
    }
    List<Long> all = LongStream.range(0, total + more).boxed().toList();
    assertThat(sequences("read_parquet", topic)).as("a sink resumed on the compacted files, Parquet" + replay).containsExactlyElementsOf(all);
    assertThat(sequences("read_csv", topic)).as("a sink resumed on the compacted files, CSV" + replay).containsExactlyElementsOf(all);
  }

  private long visibleFiles() {
    return DataFiles.parquetFiles(data);
  }

  private Process start(List<String> args, int life) throws Exception {
    List<String> command = new ArrayList<>(ChildPrograms.thisProgram("256m"));
    command.addAll(args);
    Path log = Files.createDirectories(logs).resolve("sink-" + life + ".log");
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Produces 20 rows every 50 ms (about 400 a second, so rotations and kills land mid-stream) until interrupted. */
  private static void produceUntilInterrupted(KafkaFixture kafka, Topic<LabeledWindow> topic, AtomicLong produced) {
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    try (KafkaProducer<String, LabeledWindow> producer = KafkaClients.producer(topic, props)) {
      pace.scheduleAtFixedRate(() -> {
        long sequence = produced.get();
        for (int i = 0; i < 20; i++, sequence++) {
          LabeledWindow row = dev.twlb.sink.Rows.row(sequence, ROWS_FROM.plusSeconds(sequence), sequence % 5 == 0 ? "crash" : "benign");
          producer.send(new ProducerRecord<>(topic.name(), row.getNodeId(), row));
        }
        producer.flush();
        produced.set(sequence);
      }, 0, 50, TimeUnit.MILLISECONDS);
      try {
        new java.util.concurrent.CountDownLatch(1).await(); // until the test interrupts this thread
      } catch (InterruptedException e) {
        // the test has made its kills: stop producing, then close the producer
      }
      pace.shutdown();
      awaitQuietly(pace);
    }
  }

  private static void awaitQuietly(ScheduledExecutorService pace) {
    try {
      pace.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long count(String reader, Topic<LabeledWindow> topic) {
    try {
      return sequences(reader, topic).size();
    } catch (Exception e) {
      return -1;
    }
  }

  private List<Long> sequences(String reader, Topic<LabeledWindow> topic) throws Exception {
    String ext = reader.equals("read_parquet") ? "parquet" : "csv";
    Path dir = data.resolve(ext);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    String glob = dir + "/**/" + topic.name() + "+*." + ext;
    List<Long> values = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery("SELECT request_count FROM " + reader + "('" + glob + "'"
             + (ext.equals("csv") ? ", header = true" : "") + ") ORDER BY 1")) {
      while (rs.next()) {
        values.add(rs.getLong(1));
      }
    }
    return values;
  }
}
