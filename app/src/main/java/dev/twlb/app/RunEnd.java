package dev.twlb.app;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.KafkaStreams;

/** The waits of {@code twlb run}: for a moment, for every window of the run, for the pipeline to drain. */
final class RunEnd {
  private RunEnd() {}

  static void await(Instant when) throws InterruptedException {
    long wait;
    while ((wait = Duration.between(Instant.now(), when).toMillis()) > 0) {
      Thread.sleep(Math.min(wait, 500));
    }
  }

  /** Waits (at most a minute past the grace) until the labeler has emitted every window of every node from start to end. */
  static void awaitEveryWindow(ClusterRun run, Instant start, Instant end, RunSettings settings) throws InterruptedException {
    long window = settings.window().toMillis();
    long expected = (Duration.between(start, end).toMillis() + window - 1) / window * settings.nodes();
    String runId = run.schedulerConfig.runId();
    Instant deadline = end.plus(settings.grace()).plus(settings.window()).plusSeconds(60);
    while (run.labeler.metrics().windowsEmitted(runId) < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    long emitted = run.labeler.metrics().windowsEmitted(runId);
    if (emitted < expected) {
      System.out.println("labeler: " + emitted + " of the run's " + expected + " windows were closed by " + deadline
          + "; the rest are labeled when the labeler next reads this data directory");
    }
  }

  /** Waits until the labeler (and the detector) have nothing left to emit and the sink has read all (at most a minute). */
  static void awaitDrained(ClusterRun run) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long emitted = -1;
    int stableTicks = 0;
    while (System.nanoTime() < deadline && stableTicks < 15) {
      long now = run.labeler.metrics().windowsEmitted() + (run.detector == null ? 0 : run.detector.metrics().detections());
      boolean caughtUp = run.sink.metrics().received() >= run.labeler.metrics().windowsEmitted()
          && (run.detector == null || run.detector.state() == KafkaStreams.State.RUNNING);
      stableTicks = now == emitted && caughtUp ? stableTicks + 1 : 0;
      emitted = now;
      Thread.sleep(200);
    }
  }
}
