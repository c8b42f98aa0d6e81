package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.sink.Rows;
import dev.twlb.sink.SinkConfig;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's code blocks, run as they are written: the Python and Java consumers of {@code labeled-metrics}
 * (against a real broker and registry, on a topic of this test), the DuckDB query and the pandas lines over files the
 * real sink wrote. Only addresses and the topic name are swapped for this test's.
 */
@ExtendWith(KafkaExtension.class)
class ReadmeExamplesIT {
  /** Debian's interpreter, where Debian's python3-confluent-kafka, python3-avro and python3-pandas install. */
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  /** The rows' windows start here, in an hour long closed, so the README's compact command merges it. */
  private static final Instant START = Instant.parse("2026-11-24T06:00:00Z");
  private static final int ROWS = 30; // fault_type by sequence: every third row is 'crash'

  @TempDir
  static Path dir;

  private static KafkaFixture kafka;
  private static Topic<LabeledWindow> topic;

  @BeforeAll
  static void rowsOnATopicAndInFiles(KafkaFixture fixture) throws Exception {
    kafka = fixture;
    topic = Topics.LABELED_METRICS.renamed(KafkaFixture.unique("readme"));
    kafka.createTopics(1, topic.name());
    try (KafkaProducer<String, LabeledWindow> producer = KafkaClients.producer(topic, clientProps())) {
      for (int i = 0; i < ROWS; i++) {
        LabeledWindow row = Rows.row(i, START.plusSeconds(5L * i), i % 3 == 0 ? "crash" : "benign");
        producer.send(new ProducerRecord<>(topic.name(), row.getNodeId(), row)).get(30, TimeUnit.SECONDS);
      }
    }
    Map<String, Object> sinkProps = clientProps();
    sinkProps.put("max.poll.records", 10); // with rotation every 10 rows: three files, for compaction to merge
    try (LabeledWindowSink sink = LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR, dir.resolve("data").toString(),
        SinkConfig.TOPIC, topic.name(), SinkConfig.GROUP_ID, KafkaFixture.unique("readme-sink"), SinkConfig.ROTATE_RECORDS, 10,
        SinkConfig.PORT, 0)), sinkProps)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> sink.metrics().rows() == ROWS);
    }
  }

  private static Map<String, Object> clientProps() {
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    return props;
  }

  /** The block with this test's broker, registry and topic in place of the README's. */
  private static String here(String code) {
    return code.replace("localhost:9092", kafka.bootstrapServers()).replace("http://localhost:8081", kafka.registryUrl())
        .replace("\"labeled-metrics\"", "\"" + topic.name() + "\"").replace("\"group.id\": \"me\"", "\"group.id\": \"" + KafkaFixture.unique("py") + "\"")
        .replace("\"group.id\", \"me\"", "\"group.id\", \"" + KafkaFixture.unique("java") + "\"");
  }

  @Test
  void thePythonConsumerDecodesALabeledWindow() throws Exception {
    assumePython("confluent_kafka, avro", "python3-confluent-kafka python3-avro");
    List<String> out = run(List.of(PYTHON.toString(), "-c", here(ReadmeCommands.codeBlock("python", "Consumer("))), dir);
    assertThat(out).as("the README's Python prints key, window start and fault of the first row")
        .anyMatch(line -> line.startsWith("node-1 ") && line.endsWith(" crash"));
  }

  @Test
  void theJavaConsumerPrintsLabeledWindows() throws Exception {
    String block = here(ReadmeCommands.codeBlock("java", "KafkaClients.consumer"));
    StringBuilder source = new StringBuilder();
    List<String> body = new ArrayList<>();
    for (String line : block.lines().toList()) {
      if (line.startsWith("import ")) {
        source.append(line).append('\n');
      } else {
        body.add(line);
      }
    }
    source.append("public class ReadmeConsumer {\n  public static void main(String[] args) throws Exception {\n")
        .append(String.join("\n", body)).append("\n  }\n}\n");
    Path file = Files.writeString(dir.resolve("ReadmeConsumer.java"), source);
    List<String> out = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), file.toString()), dir);
    assertThat(out).as(String.join("\n", out)).filteredOn(line -> line.startsWith("node-")).hasSize(ROWS)
        .anyMatch(line -> line.startsWith("node-1 ") && line.endsWith(" crash"));
  }

  @Test
  void theDuckDbQueryCountsTheCleanWindowsByFault() throws Exception {
    String sql = ReadmeCommands.codeBlock("sql", "read_parquet").replace("'data/", "'" + dir.resolve("data") + "/");
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); ResultSet rows = duckdb.createStatement().executeQuery(sql)) {
      Map<String, Long> windows = new HashMap<>();
      while (rows.next()) {
        windows.put(rows.getString("fault_type"), rows.getLong("windows"));
      }
      assertThat(windows).isEqualTo(Map.of("crash", (long) ROWS / 3, "benign", (long) ROWS * 2 / 3));
    }
  }

  @Test
  void thePandasLinesCountTheCleanWindowsByFault() throws Exception {
    assumePython("pandas", "python3-pandas");
    List<String> out = run(List.of(PYTHON.toString(), "-c", ReadmeCommands.codeBlock("python", "import pandas")), dir);
    assertThat(out).as(String.join("\n", out)).anyMatch(line -> line.matches("benign\\s+" + ROWS * 2 / 3))
        .anyMatch(line -> line.matches("crash\\s+" + ROWS / 3));
  }

  @Test
  void theReportAndCompactCommandsRunOnTheFiles() throws Exception {
    try (TwlbProcess report = TwlbProcess.readme(dir, ReadmeCommands.command("## Looking at the dataset", "report"))) {
      assertThat(report.waitForExit(Duration.ofSeconds(120))).as(String.join("\n", report.output())).isZero();
    }
    assertThat(dir.resolve("data/report/index.html")).content().contains("<td>crash</td><td>" + ROWS / 3 + "</td>");
    assertThat(dir.resolve("data/report/class-balance.png")).isNotEmptyFile();

    try (TwlbProcess compact = TwlbProcess.readme(dir, ReadmeCommands.command("## Looking at the dataset", "compact"))) {
      assertThat(compact.waitForExit(Duration.ofSeconds(120))).as(String.join("\n", compact.output())).isZero();
      assertThat(compact.output()).anyMatch(line -> line.contains("1 hours, 6 files became 2, " + ROWS + " rows"));
    }
    theDuckDbQueryCountsTheCleanWindowsByFault();
  }

  private static void assumePython(String modules, String debianPackages) throws Exception {
    boolean present = Files.isExecutable(PYTHON)
        && new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).start().waitFor() == 0;
    assumeTrue(present, "Debian's " + PYTHON + " with " + modules + " is not here (apt-get install " + debianPackages
        + "; .ci/run does as root): this README example was not run");
  }

  private static List<String> run(List<String> command, Path workDir) throws Exception {
    Path log = Files.createTempFile(dir, "example", ".log");
    Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not end within 120 s: " + Files.readAllLines(log));
    }
    List<String> out = Files.readAllLines(log);
    assertThat(process.exitValue()).as(String.join("\n", out)).isZero();
    return out;
  }
}
