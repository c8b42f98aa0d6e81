package dev.twlb.labeler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The labeler's own counters, on its {@code /metrics} beside Kafka Streams' metrics (lag among them). */
public final class LabelerMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter windows;
  private final Counter transitions;
  private final Counter late;
  private final Counter unlabeledDropped;
  private final Counter early;
  private final Map<String, AtomicLong> windowsByRun = new ConcurrentHashMap<>();

  public LabelerMetrics() {
    windows = Counter.builder("labeler.windows.emitted").description("Labeled windows emitted").register(registry);
    transitions = Counter.builder("labeler.windows.transition").description("Emitted windows marked is_transition")
        .register(registry);
    late = Counter.builder("labeler.late.records")
        .description("Observations that arrived after their window closed (beyond the grace period); not in any row")
        .register(registry);
    unlabeledDropped = Counter.builder("labeler.windows.unlabeled.dropped")
        .description("Closed windows no assignment covers, left out (unlabeled.windows=drop)").register(registry);
    early = Counter.builder("labeler.early.windows.emitted")
        .description("Early windows sent out live, before their grace (early.topic)").register(registry);
  }

  void earlyWindowEmitted() {
    early.increment();
  }

  public long earlyWindowsEmitted() {
    return (long) early.count();
  }

  void windowEmitted(String runId, boolean transition) {
    windows.increment();
    windowsByRun.computeIfAbsent(runId == null ? "" : runId, r -> new AtomicLong()).incrementAndGet();
    if (transition) {
      transitions.increment();
    }
  }

  void unlabeledWindowDropped() {
    unlabeledDropped.increment();
  }

  /** Windows emitted so far whose label came from run {@code runId}. */
  public long windowsEmitted(String runId) {
    AtomicLong n = windowsByRun.get(runId);
    return n == null ? 0 : n.get();
  }

  void lateRecord() {
    late.increment();
  }

  void deadLetter(String sourceTopic) {
    Counter.builder("labeler.dead.letters").tag("topic", sourceTopic)
        .description("Input records sent to the dead-letter topic, by source topic").register(registry).increment();
  }

  public long windowsEmitted() {
    return (long) windows.count();
  }

  public long lateRecords() {
    return (long) late.count();
  }

  public long deadLetters() {
    return (long) registry.find("labeler.dead.letters").counters().stream().mapToDouble(Counter::count).sum();
  }

  PrometheusMeterRegistry registry() {
    return registry;
  }

}
