package dev.twlb.detector;

import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.FaultType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The detector's {@code /metrics}: verdicts by class, live accuracy and macro-F1 over the most recent
 * clean windows (scored from the labeled copies of the windows it judges), detection delay (window end to verdict),
 * and onset-to-verdict latency and false alarms against the nodes' confirmations ({@link OnsetLatency}).
 */
public final class DetectorMetrics {
  /** How long after a window's end every confirmation it could depend on, and its labeled copy, have surely arrived. */
  private static final long CONFIRMATIONS_SETTLE_MS = 15_000;

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final int recent;
  private final Deque<String[]> outcomes = new ArrayDeque<>();
  private final DistributionSummary delay;
  private final OnsetLatency onsets;
  private final long liveFromMs;
  private long detections;

  /**
   * @param liveFromMs from when the verdicts are live (the later of the first window scored and the detector's start):
   *     delay and onset latency are measured only from there, not over a backlog the detector catches up on
   */
  public DetectorMetrics(int recentWindows, long liveFromMs) {
    this.recent = recentWindows;
    this.liveFromMs = liveFromMs;
    this.onsets = new OnsetLatency(OnsetLatency.DEFAULT_SETTLE_MS, liveFromMs);
    Gauge.builder("detector.onset.to.verdict.median", this, m -> OnsetLatency.medianSeconds(m.onsets.summary().faults()))
        .baseUnit("seconds").description("Median, over the fault node-epochs the nodes confirmed, of the time from a fault's"
            + " onset to the first verdict naming it (one never named counts as longer than any)").register(registry);
    Gauge.builder("detector.false.alarms.per.node.hour", this, m -> m.onsets.summary().falseAlarmsPerNodeHour())
        .description("Verdicts naming a fault on a benign node (episodes), per node-hour of benign windows").register(registry);
    for (FaultType fault : FaultType.values()) {
      if (fault != FaultType.BENIGN) {
        Gauge.builder("detector.onset.to.verdict.median.by.fault", this, m -> OnsetLatency.medianSeconds(
                m.onsets.summary().faults().stream().filter(o -> o.epoch().fault().equals(fault.wireName())).toList()))
            .tag("fault", fault.wireName()).baseUnit("seconds").description("The same, for one fault class").register(registry);
      }
    }
    delay = DistributionSummary.builder("detector.delay").baseUnit("seconds")
        .description("From a window's end to its verdict being produced").publishPercentiles(0.5, 0.95, 0.99)
        .register(registry);
    Gauge.builder("detector.live.accuracy", this, m -> m.recentScores().accuracy())
        .description("Share of right verdicts over the recent clean windows").register(registry);
    Gauge.builder("detector.live.macro.f1", this, m -> m.recentScores().macroF1())
        .description("Macro-F1 over the recent clean windows (classes that truly occurred)").register(registry);
  }

  /** Counts a published verdict and passes it on. */
  FaultDetection detected(FaultDetection d) {
    Counter.builder("detector.detections").tag("predicted_fault", d.getPredictedFault())
        .description("Verdicts by predicted class").register(registry).increment();
    if (d.getWindowEnd().toEpochMilli() >= liveFromMs) {
      delay.record(Math.max(0, d.getDetectedAt().toEpochMilli() - d.getWindowEnd().toEpochMilli()) / 1000.0);
    }
    onsets.verdict(d);
    onsets.settle(d.getDetectedAt().toEpochMilli() - CONFIRMATIONS_SETTLE_MS);
    synchronized (this) {
      detections++;
    }
    return d;
  }

  /** A node confirmed an assignment: the truth the verdicts' onset latency is measured against. */
  void confirmed(FaultConfirmation c) {
    onsets.confirmed(c);
  }

  /**
   * Counts the model's own verdict on a window towards the live scores when the window's label is clean (the input's,
   * or its labeled copy's); returns it.
   */
  FaultDetection checked(FaultDetection d) {
    boolean clean = d.getTrueFault() != null && !d.getTrueFault().equals(DatasetReader.UNKNOWN)
        && Boolean.FALSE.equals(d.getIsTransition());
    onsets.labeled(d.getNodeId(), d.getWindowEnd().toEpochMilli(), clean && d.getTrueFault().equals(FaultType.BENIGN.wireName()));
    synchronized (this) {
      if (clean) {
        outcomes.addLast(new String[] {d.getTrueFault(), d.getPredictedFault()});
        if (outcomes.size() > recent) {
          outcomes.removeFirst();
        }
      }
    }
    return d;
  }

  /**
   * Onset-to-verdict latency and false alarms of the verdicts evaluated so far: those on windows that ended long
   * enough ago for their confirmations and labeled copies to be in (a progress line, a scrape).
   */
  public OnsetLatency.Summary onsetsSoFar() {
    return onsets.summary();
  }

  /**
   * The same with every verdict evaluated now: for the end of a run, once the labeled copies of the last windows
   * judged are in. Evaluating a verdict before its window's labeled copy came would leave its window out of the
   * benign node-hours (a progress line that did so every 5 s once dropped 95% of them).
   */
  public OnsetLatency.Summary onsetsAtEnd() {
    onsets.settle(Long.MAX_VALUE);
    return onsets.summary();
  }

  /** Scores of the recent clean windows, computed when read (a scrape, a progress line), not per verdict. */
  private synchronized Scores recentScores() {
    List<String> truth = new ArrayList<>(outcomes.size());
    List<String> predicted = new ArrayList<>(outcomes.size());
    outcomes.forEach(o -> {
      truth.add(o[0]);
      predicted.add(o[1]);
    });
    return new Scores(truth, predicted);
  }

  public synchronized long detections() {
    return detections;
  }

  /** Accuracy, macro-F1 and how many clean windows they are measured over. */
  public synchronized double[] live() {
    Scores scores = recentScores();
    return new double[] {scores.accuracy(), scores.macroF1(), outcomes.size()};
  }

  /** Median detection delay in seconds (NaN before the first verdict). */
  public double medianDelaySeconds() {
    return delay.count() == 0 ? Double.NaN : delay.takeSnapshot().percentileValues()[0].value();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

}
