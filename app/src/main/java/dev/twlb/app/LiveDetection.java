package dev.twlb.app;

import dev.twlb.detector.DetectorMetrics;
import dev.twlb.detector.TrainConfig;
import dev.twlb.detector.Training;
import java.io.PrintStream;
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
  private final ClusterRun run;
  private final RunSettings settings;
  private final PrintStream out;
  private volatile String status = "-";
  private Thread trainer;

  LiveDetection(ClusterRun run, RunSettings settings, PrintStream out) {
    this.run = run;
    this.settings = settings;
    this.out = out;
  }

  /** Starts detection for a run whose first epoch starts at {@code firstEpoch}; returns at once. */
  void start(Instant firstEpoch) {
    if (settings.model() != null) {
      run.startDetector(settings.model(), firstEpoch);
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
      RunEnd.await(scoreFrom.plus(run.untilInFiles()));
      status = "training on epochs 1-" + settings.detectAfter();
      out.println("training a detector on the windows before epoch " + (settings.detectAfter() + 1) + "...");
      Path outDir = settings.dataDir().resolve("detector");
      Training.Result trained = new Training(new TrainConfig(Map.of(
          TrainConfig.DATA_DIRS, List.of(settings.dataDir().toString()), TrainConfig.OUT_DIR, outDir.toString(),
          TrainConfig.FOLDS, Math.min(5, settings.detectAfter()), TrainConfig.WINDOWS_BEFORE_MS, scoreFrom.toEpochMilli())),
          out).run();
      run.startDetector(trained.model(), scoreFrom);
      status = "live";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      status = "failed: " + e.getMessage();
      out.println("detector: training failed, the run goes on without it: " + e.getMessage());
    }
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

  /** The progress line's part: live macro-F1 and median delay, or what the detector is doing. */
  String describe() {
    DetectorMetrics metrics = run.detector == null ? null : run.detector.metrics();
    if (metrics == null) {
      return status;
    }
    double[] live = metrics.live();
    return String.format("live macro-F1 %.3f, accuracy %.3f over %d clean windows, median delay %.1f s", live[1], live[0],
        (long) live[2], metrics.medianDelaySeconds());
  }
}
