package dev.twlb.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the sink has made visible so far: files, rows, rows per {@code fault_type}; on /metrics and for progress displays. */
public final class SinkMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter files = Counter.builder("sink.files").description("Files made visible (all formats)").register(registry);
  private final Counter rows = Counter.builder("sink.rows").description("Rows in visible files (each row is in every format)").register(registry);
  private final Counter skipped = Counter.builder("sink.records.skipped")
      .description("Records of the topic that did not decode and were skipped").register(registry);
  private final Map<String, AtomicLong> byFault = new ConcurrentHashMap<>();
  private final AtomicLong received = new AtomicLong();

  void committed(PartitionWriter.Committed commit) {
    files.increment(commit.files());
    rows.increment(commit.rows());
    commit.rowsByFault().forEach((fault, n) -> {
      byFault.computeIfAbsent(fault, f -> new AtomicLong()).addAndGet(n);
      Counter.builder("sink.rows.by.fault").tag("fault_type", fault).description("Rows in visible files, by fault_type")
          .register(registry).increment(n);
    });
  }

  void rowReceived() {
    received.incrementAndGet();
  }

  /** Rows read from the topic so far, in finished files or in files still open. */
  public long received() {
    return received.get();
  }

  void skipped() {
    skipped.increment();
  }

  public long files() {
    return (long) files.count();
  }

  public long rows() {
    return (long) rows.count();
  }

  public Map<String, Long> rowsByFault() {
    Map<String, Long> copy = new TreeMap<>();
    byFault.forEach((k, v) -> copy.put(k, v.get()));
    return copy;
  }

  String scrape() {
    return registry.scrape();
  }
}
