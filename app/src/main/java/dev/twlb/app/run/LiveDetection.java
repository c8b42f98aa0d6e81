package dev.twlb.app.run;

import dev.twlb.detector.DetectorMetrics;
import dev.twlb.detector.DetectorService;
import dev.twlb.detector.OnsetLatency;
import dev.twlb.detector.OnsetReport;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The detector of {@code twlb run}: with {@code --model}, live from the first epoch; with
 * {@code --detect-after N}, trained on the windows that start before epoch N once they are all in
 * the files, then live from epoch N, so no window it is scored on live was a training row.
 */
final class LiveDetection {
  private final Testbed testbed;
  private final RunSettings settings;
  private final PrintStream out;
  private volatile String status = "-";
  private volatile Instant scoredFrom;
  private Thread trainer;

  LiveDetection(Testbed testbed, RunSettings settings, PrintStream out) {
    this.testbed = testbed;
    this.settings = settings;
    this.out = out;
  }

  /** Starts detection for a run whose first epoch starts at {@code firstEpoch}; returns at once. */
  void start(Instant firstEpoch) {
    if (settings.model() != null) {
      scoredFrom = firstEpoch;
      testbed.startDetector(settings.model(), firstEpoch);
      status = "live";
    } else if (settings.detectAfter() > 0) {
      Instant scoreFrom = firstEpoch.plus(settings.epochDuration().multipliedBy(settings.detectAfter()));
      status = "training after epoch " + settings.detectAfter();
      trainer = new Thread(() -> trainThenDetect(scoreFrom), "twlb-run-train");
      trainer.setDaemon(true);
      trainer.start();
    }
  }

  private void trainThenDetect(Instant scoreFrom) {
    try {
      TestbedRun.await(scoreFrom.plus(testbed.untilInFiles()));
      status = "training on epochs 1-" + settings.detectAfter();
      out.println("training a detector on the " + (settings.early() ? "early " : "") + "windows before epoch "
          + (settings.detectAfter() + 1) + "...");
      Path outDir = settings.dataDir().resolve("detector");
      Training.Result trained = new Training(new TrainConfig(Map.of(
          TrainConfig.DATA_DIRS, List.of(settings.trainingDataDir().toString()), TrainConfig.OUT_DIR, outDir.toString(),
          TrainConfig.FOLDS, Math.min(5, settings.detectAfter()), TrainConfig.WINDOWS_BEFORE_MS, lastTrainedStart(scoreFrom),
          TrainConfig.BASELINE, false)),
          out).run();
      scoredFrom = scoreFrom;
      testbed.startDetector(trained.model(), scoreFrom);
      status = "live";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      status = "failed: " + e.getMessage();
      out.println("detector: training failed, the run goes on without it: " + e.getMessage());
    }
  }

  /**
   * Trains on windows that end by {@code scoreFrom}: an early window that started before it but ends after it would
   * share observations with the first windows scored live.
   */
  private long lastTrainedStart(Instant scoreFrom) {
    return scoreFrom.toEpochMilli() - (settings.early() ? settings.earlyWindow().toMillis() - 1 : 0);
  }

  /**
   * Waits for a detector still being trained (a short run can end before it is); true when there
   * was one to wait for.
   */
  boolean awaitTrained(Duration atMost) throws InterruptedException {
    if (trainer == null || !trainer.isAlive()) {
      return false;
    }
    out.println("waiting for the detector's training to finish...");
    trainer.join(atMost.toMillis());
    return true;
  }

  /**
   * The onset-to-verdict table by fault class, for the run's summary, also written as {@code detector/live.json} in the
   * data directory; empty without a live detector.
   */
  List<String> onsetTable() throws IOException {
    DetectorService detector = testbed.detector();
    if (detector == null) {
      return List.of();
    }
    OnsetLatency.Summary onsets = detector.metrics().onsetsAtEnd();
    double[] live = detector.metrics().live();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", detector.modelId());
    report.put("scored_from", scoredFrom.toString());
    report.put("input", settings.early() ? "early windows (labeler: each node's last " + settings.earlyWindow().toSeconds()
        + " s every " + settings.earlyHop().toMillis() + " ms, before any grace)" : "the final windows (labeled-metrics, a grace after each window)");
    report.put("live_recent_clean_windows", Map.of("accuracy", live[0], "macro_f1", live[1], "windows", (long) live[2]));
    report.put("median_delay_after_window_end_s", detector.metrics().medianDelaySeconds());
    report.put("onsets", OnsetReport.json(onsets));
    Path file = settings.dataDir().resolve("detector").resolve("live.json");
    Files.createDirectories(file.getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
    List<String> lines = new ArrayList<>(OnsetReport.byClass(onsets));
    lines.add("(also in " + file + ")");
    return lines;
  }

  /** The progress line's part: live macro-F1 and median delay, or what the detector is doing. */
  String describe() {
    DetectorService detector = testbed.detector();
    DetectorMetrics metrics = detector == null ? null : detector.metrics();
    if (metrics == null) {
      return status;
    }
    double[] live = metrics.live();
    OnsetLatency.Summary onsets = metrics.onsetsSoFar();
    return String.format("live macro-F1 %.3f, accuracy %.3f over %d clean early windows, median delay %.1f s after a window's"
            + " end; %s", live[1], live[0], (long) live[2], metrics.medianDelaySeconds(), OnsetReport.line(onsets));
  }
}
