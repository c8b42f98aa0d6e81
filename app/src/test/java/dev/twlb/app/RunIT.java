package dev.twlb.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.Topics;
import java.nio.file.Files;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user meets it: the README's {@code twlb run --epochs 4 --epoch-duration 20s --window 2s
 * --detect-after 2}, into an empty D, ending by itself; the dataset is checked against the ground truth that
 * went through Kafka, the live detector against its training split (scored only epochs it never saw), and a
 * second run on the same D must find every window of its own and none of the first run's again.
 */
class RunIT {
  @TempDir
  Path data;

  @Test
  void aFourEpochRunDetectingLiveEndsWithADatasetThatMatchesItsGroundTruth() throws Exception {
    List<ProcessHandle> children;
    String firstRun;
    long lateRecords;
    List<String> args = new ArrayList<>(ReadmeCommands.command("## Detecting faults", "run"));
    assertThat(args).contains("--detect-after", "--epochs", "4");
    args.addAll(List.of("--seed", "5", "--data-dir", data.toString()));
    try (TwlbProcess run = TwlbProcess.readme(Path.of("."), args)) {
      run.awaitLine("nodes healthy", Duration.ofMinutes(4));
      children = run.descendants();
      String live = run.awaitLine("detector live with model", Duration.ofMinutes(5));
      firstRun = runId(run.awaitLine("RUN COMPLETE", Duration.ofMinutes(3)));
      assertThat(run.waitForExit(Duration.ofMinutes(1))).as(String.join("\n", run.output())).isZero();
      assertThat(run.output()).contains("| (all of " + firstRun + ") | 600 |").anyMatch(l -> l.startsWith("detector: live macro-F1"));
      assertThat(live).contains("model.tribuo@");
      lateRecords = Long.parseLong(run.output().stream().filter(l -> l.startsWith("Late records: ")).findFirst().orElseThrow()
          .replaceAll("Late records: (\\d+).*", "$1"));
    }
    assertLiveDetection();
    assertThat(children).as("node processes seen while running").hasSizeGreaterThanOrEqualTo(15);
    assertThat(children).noneMatch(ProcessHandle::isAlive);

    List<DataFiles.Row> parquet = DataFiles.rows(DataFiles.parquet(data));
    List<DataFiles.Row> csv = DataFiles.rows(DataFiles.csv(data));
    assertThat(parquet).isNotEmpty().containsExactlyInAnyOrderElementsOf(csv);
    assertThat(parquet.stream().map(DataFiles.Row::fault).distinct()).hasSizeGreaterThanOrEqualTo(3);

    List<FaultAssignment> truth = groundTruth();
    assertThat(truth).hasSize(4 * 15);
    List<String> mismatches = new ArrayList<>();
    for (DataFiles.Row row : parquet) {
      String expected = AssignmentLog.inForce(truth, row.node(), row.start(), row.end());
      if (!row.transition() && !row.fault().equals(expected)) {
        mismatches.add(row + " expected " + expected);
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(rowsByRun()).as("15 nodes x 40 windows, every one with its run").isEqualTo(Map.of(firstRun, 600L));
    assertRelabeledWithTwiceTheWindow(lateRecords);

    // A second run on the same directory: its own windows, all of them, and nothing of the first twice.
    String secondRun;
    try (TwlbProcess run = TwlbProcess.readme(Path.of("."), List.of("run", "--epochs", "1", "--epoch-duration", "20s", "--window", "2s",
        "--data-dir", data.toString()))) {
      secondRun = runId(run.awaitLine("RUN COMPLETE", Duration.ofMinutes(5)));
      assertThat(run.waitForExit(Duration.ofMinutes(1))).as(String.join("\n", run.output())).isZero();
      assertThat(run.output()).contains("| (all of " + secondRun + ") | 150 |").noneMatch(l -> l.startsWith("Also written"));
    }
    assertThat(rowsByRun()).isEqualTo(Map.of(firstRun, 600L, secondRun, 150L));
    assertThat(count("SELECT count(*) FROM (SELECT DISTINCT node_id, window_start FROM read_parquet('" + data
        + "/parquet/**/*.parquet'))")).isEqualTo(750);

    // What an ML engineer looks at next: the report of this run's directory.
    try (TwlbProcess report = TwlbProcess.start("report", "--data-dir", data.toString())) {
      assertThat(report.waitForExit(Duration.ofMinutes(2))).as(String.join("\n", report.output())).isZero();
    }
    assertThat(new ObjectMapper().readTree(data.resolve("report/report.json").toFile()).path("rows").asLong()).isEqualTo(750);
    assertThat(data.resolve("report/index.html")).content().contains("class-balance.png");
    assertThat(data.resolve("report/class-balance.png")).isNotEmptyFile();
  }

  /**
   * A detector trained on the first two epochs' early windows while the run went on, judging every node every half second
   * after them; none of its training windows, and its onset-to-verdict figures in detector/live.json.
   */
  private void assertLiveDetection() throws Exception {
    JsonNode report = new ObjectMapper().readTree(data.resolve("detector/report.json").toFile());
    assertThat(report.at("/data/epochs").asInt()).as("trained on the first two epochs only").isEqualTo(2);
    assertThat(report.at("/data/dirs/0").asText()).endsWith("early");
    assertThat(data.resolve("detector/confusion.png")).isNotEmptyFile();
    Instant lastTrainingWindow = Instant.parse(report.at("/data/to").asText());
    // epochs 3 and 4 (40 s): an early window of every node every half second, each judged once
    List<FaultDetection> detections = RunTopics.read(data, Topics.FAULT_DETECTIONS);
    assertThat(detections.stream().map(FaultDetection::getNodeId).distinct()).hasSize(15);
    assertThat(detections).hasSizeGreaterThanOrEqualTo(15 * 60);
    assertThat(detections).extracting(d -> d.getNodeId() + "@" + d.getWindowStart()).doesNotHaveDuplicates();
    assertThat(detections).allSatisfy(d -> {
      assertThat(d.getWindowStart()).as("never a training window").isAfter(lastTrainingWindow);
      assertThat(d.getWindowEnd().toEpochMilli() - d.getWindowStart().toEpochMilli()).isEqualTo(3_000);
      assertThat(d.getModelId()).startsWith("model.tribuo@");
    });
    JsonNode live = new ObjectMapper().readTree(data.resolve("detector/live.json").toFile());
    // (a detector that goes live after epoch 4 began, as here, measures no onset: catching up is not answering live)
    assertThat(live.at("/onsets/fault_node_epochs").isInt()).isTrue();
    assertThat(live.at("/scored_from").asText()).isNotEmpty();
  }

  /**
   * The README's {@code twlb relabel} of this run with 4 s windows: where a 4 s window is two 2 s windows of the live
   * run, its requests are theirs together, and where both halves are clean and agree, it has their label, clean. A
   * request the live labeler got after its window had closed (a busy box can hold one back past the grace) is in no
   * live row but in the relabeled one: the relabel may have more requests, by at most the live run's late records.
   */
  private void assertRelabeledWithTwiceTheWindow(long liveLateRecords) throws Exception {
    Path relabeled = data.resolve("relabeled-4s");
    List<String> args = new ArrayList<>(ReadmeCommands.command("## Re-labeling a history", "relabel"));
    Map.of("--from-run", data.toString(), "--window", "4s", "--data-dir", relabeled.toString())
        .forEach((option, value) -> args.set(args.indexOf(option) + 1, value));
    Path tmp = Files.createDirectories(data.resolve("relabel-tmp"));
    try (TwlbProcess relabel = TwlbProcess.readme(Path.of("."), args, "-Djava.io.tmpdir=" + tmp)) {
      assertThat(relabel.waitForExit(Duration.ofMinutes(3))).as(String.join("\n", relabel.output())).isZero();
      assertThat(relabel.output()).anyMatch(l -> l.contains("labeled all")).anyMatch(l -> l.contains("rows in " + relabeled));
    }
    try (Stream<Path> left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).as("the relabel job's own state, deleted").noneMatch(n -> n.startsWith("twlb-relabel"));
    }
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) AS coinciding, "
             + "count(*) FILTER (WHERE NOT a.is_transition AND NOT b.is_transition AND a.fault_type = b.fault_type) AS clean, "
             + "count(*) FILTER (WHERE NOT a.is_transition AND NOT b.is_transition AND a.fault_type = b.fault_type "
             + "  AND NOT r.is_transition AND r.fault_type = a.fault_type) AS labeled_as_both, "
             + "count(*) FILTER (WHERE r.request_count < a.request_count + b.request_count) AS fewer, "
             + "coalesce(sum(r.request_count - a.request_count - b.request_count), 0) AS beyond, "
             + "string_agg(r.node_id || '@' || CAST(r.window_start AS VARCHAR) || ' ' || CAST(r.request_count AS VARCHAR) || ' vs '"
             + "  || CAST(a.request_count AS VARCHAR) || '+' || CAST(b.request_count AS VARCHAR), '; ') "
             + "  FILTER (WHERE r.request_count <> a.request_count + b.request_count) AS differing "
             + "FROM read_parquet('" + relabeled + "/parquet/**/*.parquet') r "
             + "JOIN read_parquet('" + data + "/parquet/**/*.parquet') a ON a.node_id = r.node_id AND a.window_start = r.window_start "
             + "JOIN read_parquet('" + data + "/parquet/**/*.parquet') b ON b.node_id = r.node_id "
             + "  AND b.window_start = r.window_start + INTERVAL 2 SECOND")) {
      rs.next();
      long coinciding = rs.getLong("coinciding");
      assertThat(coinciding).as("4 s windows made of two live 2 s windows (15 nodes x about 20)").isGreaterThanOrEqualTo(15 * 18);
      String differing = "windows whose requests differ from the halves': " + rs.getString("differing");
      assertThat(rs.getLong("fewer")).as("fewer requests than the halves together; " + differing).isZero();
      assertThat(rs.getLong("beyond")).as("requests beyond the halves together, at most the live run's %d late records; %s",
          liveLateRecords, differing).isLessThanOrEqualTo(liveLateRecords);
      assertThat(rs.getLong("clean")).as("clean, agreeing halves").isPositive();
      assertThat(rs.getLong("labeled_as_both")).as("labeled as both halves").isEqualTo(rs.getLong("clean"));
    }
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

  /** fault-assignments as the run left it. */
  private List<FaultAssignment> groundTruth() throws Exception {
    return RunTopics.read(data, Topics.FAULT_ASSIGNMENTS);
  }
}
