package dev.twlb.app.run;

import dev.twlb.detector.report.LabelEvidence;
import dev.twlb.schemas.FaultType;
import dev.twlb.traffic.TrafficStats;
import dev.twlb.labeler.LabelerMetrics;
import dev.twlb.sink.SinkMetrics;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The live progress lines of {@code twlb run}, and its closing summary table. */
final class Progress {
  private final PrintStream out;
  private final long startedNanos = System.nanoTime();
  private Map<String, Long> lastOutcomes = Map.of();
  private long lastTickNanos = startedNanos;

  Progress(PrintStream out) {
    this.out = out;
  }

  /** One progress line; {@code detector} is the live detector's state, or null when none runs. */
  void tick(String epoch, TrafficStats traffic, LabelerMetrics labeler, SinkMetrics sink, String detector) {
    long now = System.nanoTime();
    double seconds = Math.max(1e-3, (now - lastTickNanos) / 1e9);
    Map<String, String> rates = new TreeMap<>();
    traffic.byOutcome().forEach((outcome, count) ->
        rates.put(outcome, String.format("%.1f", (count - lastOutcomes.getOrDefault(outcome, 0L)) / seconds)));
    lastOutcomes = traffic.byOutcome();
    lastTickNanos = now;
    out.printf("[%s] %s | req/s %s | windows labeled %d (late records %d) | rows in files %d %s%s%n",
        clock(now), epoch, rates.isEmpty() ? "-" : rates, labeler.windowsEmitted(), labeler.lateRecords(), sink.rows(),
        sink.rowsByFault(), detector == null ? "" : " | detector: " + detector);
  }

  /** The closing table: this run's rows in the files by fault_type, and any rows of earlier runs written meanwhile. */
  void summary(String runId, long seed, Path dataDir, SinkMetrics sink, long lateRecords, long epochsRun) {
    out.println();
    out.printf("--- RUN COMPLETE: %s, seed %d, %d epochs, %s ---%n", runId, seed, epochsRun, clock(System.nanoTime()));
    Map<String, Long> rows = sink.rowsByFault(runId);
    out.println("| fault_type | rows |");
    out.println("| :--------- | ---: |");
    rows.forEach((fault, n) -> out.printf("| %s | %d |%n", fault, n));
    out.printf("| (all of %s) | %d |%n", runId, rows.values().stream().mapToLong(Long::longValue).sum());
    long others = sink.rowsNotOf(runId);
    if (others > 0) {
      out.printf("Also written: %d rows of earlier runs that were still in Kafka.%n", others);
    }
    out.printf("Late records: %d (reached the labeler after their window had closed; in no row)%n", lateRecords);
    try {
      out.println(LabelEvidence.line(LabelEvidence.ofRun(List.of(dataDir), runId)));
    } catch (RuntimeException e) {
      out.println("Label evidence: the files could not be read (" + e.getMessage() + ")");
    }
    out.println("Parquet: " + dataDir.toAbsolutePath().resolve("parquet"));
    out.println("CSV:     " + dataDir.toAbsolutePath().resolve("csv"));
    long faults = rows.keySet().stream().filter(f -> !f.equals(FaultType.BENIGN.wireName()) && !f.equals(FaultType.UNKNOWN_LABEL)).count();
    out.println(faults >= 1 ? "Labeled rows of " + faults + " fault types beside benign: ready for training."
        : "No faulty rows yet: run more epochs.");
  }

  private String clock(long now) {
    Duration d = Duration.ofNanos(now - startedNanos);
    return String.format("%02d:%02d", d.toMinutes(), d.toSecondsPart());
  }
}
