package dev.twlb.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user meets it: {@code java -jar twlb.jar run --epochs 3 --epoch-duration 20s --window 2s
 * --data-dir D}, from an empty D, ending by itself; then the dataset is checked against the ground
 * truth that went through Kafka, and a second run on the same D must find every window of its own
 * and none of the first run's again.
 */
class RunIT {
  @TempDir
  Path data;

  record Row(String node, Instant start, Instant end, String fault, boolean transition) {}

  @Test
  void aThreeEpochRunEndsWithASummaryAndADatasetThatMatchesItsGroundTruth() throws Exception {
    List<ProcessHandle> children;
    String firstRun;
    try (TwlbProcess run = TwlbProcess.start("run", "--epochs", "3", "--epoch-duration", "20s", "--window", "2s",
        "--data-dir", data.toString())) {
      run.awaitLine("nodes healthy", Duration.ofMinutes(4));
      children = run.descendants();
      firstRun = runId(run.awaitLine("RUN COMPLETE", Duration.ofMinutes(5)));
      assertThat(run.waitForExit(Duration.ofMinutes(1))).as(String.join("\n", run.output())).isZero();
      assertThat(run.output()).contains("| (all of " + firstRun + ") | 450 |");
    }
    assertThat(children).as("node processes seen while running").hasSizeGreaterThanOrEqualTo(15);
    assertThat(children).noneMatch(ProcessHandle::isAlive);

    List<Row> parquet = rows("read_parquet('" + data + "/parquet/**/*.parquet')");
    List<Row> csv = rows("read_csv('" + data + "/csv/**/*.csv', header = true)");
    assertThat(parquet).isNotEmpty().containsExactlyInAnyOrderElementsOf(csv);
    assertThat(parquet.stream().map(Row::fault).distinct()).hasSizeGreaterThanOrEqualTo(3);

    List<FaultAssignment> truth = groundTruth();
    assertThat(truth).hasSize(3 * 15);
    List<String> mismatches = new ArrayList<>();
    for (Row row : parquet) {
      String expected = inForce(truth, row);
      if (!row.transition() && !row.fault().equals(expected)) {
        mismatches.add(row + " expected " + expected);
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(rowsByRun()).as("15 nodes x 30 windows, every one with its run").isEqualTo(Map.of(firstRun, 450L));

    // A second run on the same directory: its own windows, all of them, and nothing of the first twice.
    String secondRun;
    try (TwlbProcess run = TwlbProcess.start("run", "--epochs", "1", "--epoch-duration", "20s", "--window", "2s",
        "--data-dir", data.toString())) {
      secondRun = runId(run.awaitLine("RUN COMPLETE", Duration.ofMinutes(5)));
      assertThat(run.waitForExit(Duration.ofMinutes(1))).as(String.join("\n", run.output())).isZero();
      assertThat(run.output()).contains("| (all of " + secondRun + ") | 150 |").noneMatch(l -> l.startsWith("Also written"));
    }
    assertThat(rowsByRun()).isEqualTo(Map.of(firstRun, 450L, secondRun, 150L));
    assertThat(count("SELECT count(*) FROM (SELECT DISTINCT node_id, window_start FROM read_parquet('" + data
        + "/parquet/**/*.parquet'))")).isEqualTo(600);

    // What an ML engineer looks at next: the report of this run's directory.
    try (TwlbProcess report = TwlbProcess.start("report", "--data-dir", data.toString())) {
      assertThat(report.waitForExit(Duration.ofMinutes(2))).as(String.join("\n", report.output())).isZero();
    }
    assertThat(new ObjectMapper().readTree(data.resolve("report/report.json").toFile()).path("rows").asLong()).isEqualTo(600);
    assertThat(data.resolve("report/index.html")).content().contains("class-balance.png");
    assertThat(data.resolve("report/class-balance.png")).isNotEmptyFile();
  }

  private static String runId(String summaryLine) {
    return summaryLine.replaceAll(".*RUN COMPLETE: ([^,]+),.*", "$1");
  }

  /** Rows in the Parquet files by run_id ("" for none). */
  private Map<String, Long> rowsByRun() throws Exception {
    Map<String, Long> byRun = new HashMap<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery("SELECT coalesce(run_id, ''), count(*) FROM read_parquet('" + data
             + "/parquet/**/*.parquet') GROUP BY 1")) {
      while (rs.next()) {
        byRun.put(rs.getString(1), rs.getLong(2));
      }
    }
    return byRun;
  }

  private static long count(String query) throws Exception {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The fault in force for most of the row's window, straight from the assignments. */
  private static String inForce(List<FaultAssignment> truth, Row row) {
    Map<String, Long> covered = new HashMap<>();
    for (long t = row.start().toEpochMilli(); t < row.end().toEpochMilli(); t += 10) {
      String fault = "unknown";
      for (FaultAssignment a : truth) {
        if (a.getNodeId().equals(row.node()) && !a.getEffectiveFromMs().isAfter(Instant.ofEpochMilli(t))
            && a.getEffectiveUntilMs().isAfter(Instant.ofEpochMilli(t))) {
          fault = a.getFaultType();
        }
      }
      covered.merge(fault, 1L, Long::sum);
    }
    return covered.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  /** fault-assignments as the run left it. */
  private List<FaultAssignment> groundTruth() throws Exception {
    return RunTopics.read(data, Topics.FAULT_ASSIGNMENTS, 45);
  }

  private static List<Row> rows(String source) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery("SELECT node_id, CAST(window_start AS VARCHAR), CAST(window_end AS VARCHAR), "
             + "fault_type, is_transition FROM " + source)) {
      while (rs.next()) {
        rows.add(new Row(rs.getString(1), instant(rs.getString(2)), instant(rs.getString(3)), rs.getString(4), rs.getBoolean(5)));
      }
    }
    return rows;
  }

  /** DuckDB shows Parquet timestamps as "2026-11-24 03:00:05" and CSV ones as "2026-11-24T03:00:05Z"; both are UTC. */
  private static Instant instant(String text) {
    String iso = text.replace(' ', 'T');
    int plus = iso.indexOf('+', 10);
    if (plus > 0) {
      iso = iso.substring(0, plus);
    }
    return Instant.parse(iso.endsWith("Z") ? iso : iso + "Z");
  }
}
