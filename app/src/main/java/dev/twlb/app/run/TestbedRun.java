package dev.twlb.app.run;

import dev.twlb.scheduler.EpochScheduler;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.sink.SinkMetrics;
import dev.twlb.traffic.TrafficGenerator;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * {@code twlb run} from start to summary, one phase per method: start the services, schedule the epochs, observe
 * (scrapes, then traffic, and a progress line), and at the last epoch's end stop the traffic, wait until every window
 * of the run is labeled and everything downstream has drained, then print the summary. Ctrl-C stops it at any point
 * and still prints what was written.
 */
public final class TestbedRun {
  private final RunSettings settings;
  private final PrintStream out;
  private final Testbed testbed;
  private final LiveDetection detection;
  private final Progress progress;
  private final ConcurrentSkipListMap<Instant, String> epochsByStart = new ConcurrentSkipListMap<>();
  private final Thread onCtrlC;
  private ScheduledExecutorService ticker;

  public TestbedRun(RunSettings settings, PrintStream out) {
    this.settings = settings;
    this.out = out;
    this.testbed = new Testbed(settings, out);
    this.detection = new LiveDetection(testbed, settings, out);
    this.progress = new Progress(out);
    this.onCtrlC = new Thread(this::stopAndSummarize, "twlb-run-stop");
  }

  /** Runs the testbed to the end of its last epoch and prints the summary; returns the exit code. */
  public int run() throws Exception {
    out.println("twlb run: seed " + settings.seed() + " (repeat with --seed " + settings.seed() + "), "
        + (settings.epochs() == 0 ? "until Ctrl-C" : settings.epochs() + " epochs of " + settings.epochDuration().toSeconds()
        + " s") + ", data in " + settings.dataDir().toAbsolutePath());
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    testbed.failure().thenAcceptAsync(reason -> {
      System.err.println("twlb run stopped: " + reason);
      System.exit(1); // the hook stops the rest and prints what was written
    });
    testbed.start();
    Instant start = aligned(testbed.scheduler().firstEpochStart(), settings.window());
    detection.start(start);
    CompletableFuture<Instant> lastEpochEnd = scheduleEpochs(start);
    observeFrom(start);
    Instant end = lastEpochEnd.join();
    finish(start, end);
    return 0;
  }

  /** The scheduler publishes every epoch's plan ahead of its start; completes with the last epoch's end. */
  private CompletableFuture<Instant> scheduleEpochs(Instant start) {
    EpochScheduler scheduler = testbed.scheduler();
    return CompletableFuture.supplyAsync(() -> {
      try {
        return scheduler.run(start, plan -> epochsByStart.put(plan.get(0).getEffectiveFromMs(), describe(plan)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * Scrapes from a little before the traffic (a rate needs the scrape before it), traffic from the first epoch's start or,
   * with a start delay, that long before it: the windows of a cluster warming up belong to no epoch and are dropped.
   */
  private void observeFrom(Instant start) throws InterruptedException {
    Instant trafficStart = start.minus(settings.startDelay());
    await(trafficStart.minus(testbed.scrapeLead()));
    testbed.startScraping();
    await(trafficStart);
    TrafficGenerator traffic = testbed.startTraffic();
    ticker = Executors.newSingleThreadScheduledExecutor();
    long every = settings.progressEvery().toMillis();
    ticker.scheduleAtFixedRate(() -> {
      var current = epochsByStart.floorEntry(Instant.now());
      progress.tick(current == null ? (settings.startDelay().isZero() ? "starting" : "warming up") : current.getValue(), traffic.stats(), testbed.labeler().metrics(),
          testbed.sink().metrics(), settings.detects() ? detection.describe() : null);
    }, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * At the last epoch's end: stops the traffic, keeps scraping until the labeler has closed every window of the run (a
   * window closes only when newer records pass its end plus the grace; the windows of these last scrapes belong to no
   * run and are dropped), lets everything drain, and prints the summary.
   */
  private void finish(Instant start, Instant end) throws Exception {
    await(end);
    testbed.stopTraffic();
    awaitEveryWindow(start, end);
    testbed.stopObserving();
    awaitDrained();
    if (detection.awaitTrained(Duration.ofMinutes(10))) {
      awaitDrained(); // the detector, started late, catches up on the windows it scores
    }
    ticker.shutdownNow();
    Runtime.getRuntime().removeShutdownHook(onCtrlC);
    String detected = settings.detects() ? "detector: " + detection.describe() : null;
    stopAndSummarize();
    if (detected != null) {
      out.println(detected);
      detection.onsetTable().forEach(out::println);
    }
  }

  /** Stops every service and prints what the run wrote (also what Ctrl-C does). */
  private void stopAndSummarize() {
    testbed.close();
    progress.summary(testbed.runId(), settings.seed(), settings.dataDir(),
        testbed.sink() == null ? new SinkMetrics() : testbed.sink().metrics(),
        testbed.labeler() == null ? 0 : testbed.labeler().metrics().lateRecords(), settings.epochs());
  }

  /** Waits (at most a minute past the grace) until the labeler has emitted every window of every node from start to end. */
  private void awaitEveryWindow(Instant start, Instant end) throws InterruptedException {
    long window = settings.window().toMillis();
    long expected = (Duration.between(start, end).toMillis() + window - 1) / window * settings.nodes();
    Instant deadline = end.plus(settings.grace()).plus(settings.window()).plusSeconds(60);
    while (testbed.labeler().metrics().windowsEmitted(testbed.runId()) < expected && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    long emitted = testbed.labeler().metrics().windowsEmitted(testbed.runId());
    if (emitted < expected) {
      out.println("labeler: " + emitted + " of the run's " + expected + " windows were closed by " + deadline
          + "; the rest are labeled when the labeler next reads this data directory");
    }
  }

  /** Waits until the labeler (and the detector) have nothing left to emit and the sink has read all (at most a minute). */
  private void awaitDrained() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long emitted = -1;
    int stableTicks = 0;
    while (System.nanoTime() < deadline && stableTicks < 15) {
      var detector = testbed.detector();
      long now = testbed.labeler().metrics().windowsEmitted() + (detector == null ? 0 : detector.metrics().detections());
      boolean caughtUp = testbed.sink().metrics().received() >= testbed.labeler().metrics().windowsEmitted()
          && (detector == null || detector.state() == KafkaStreams.State.RUNNING);
      stableTicks = now == emitted && caughtUp ? stableTicks + 1 : 0;
      emitted = now;
      Thread.sleep(200);
    }
  }

  private String describe(List<FaultAssignment> plan) {
    long epoch = plan.get(0).getEpochId();
    return "epoch " + (epoch + 1) + (settings.epochs() == 0 ? "" : "/" + settings.epochs()) + " (" + EpochScheduler.summarize(plan) + ")";
  }

  /** The first instant at or after {@code t} that is a multiple of {@code window}, so epochs start with a window. */
  public static Instant aligned(Instant t, Duration window) {
    long w = window.toMillis();
    long ms = t.toEpochMilli();
    return Instant.ofEpochMilli((ms + w - 1) / w * w);
  }

  /** Returns at {@code when} (at once when it has passed). */
  static void await(Instant when) throws InterruptedException {
    long wait;
    while ((wait = Duration.between(Instant.now(), when).toMillis()) > 0) {
      Thread.sleep(Math.min(wait, 500));
    }
  }
}
