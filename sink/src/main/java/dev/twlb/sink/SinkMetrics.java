package dev.twlb.sink;

import dev.twlb.sink.format.FormattingThread;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.function.Predicate;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** What the sink has made visible so far: files, rows, rows per run and {@code fault_type}; on /metrics and for progress displays. */
public final class SinkMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Counter files = Counter.builder("sink.files").description("Files made visible (all formats)").register(registry);
  private final Counter rows = Counter.builder("sink.rows").description("Rows in visible files (each row is in every format)").register(registry);
  private final Counter skipped = Counter.builder("sink.records.skipped")
      .description("Records of the topic that did not decode and were skipped").register(registry);
  private final Map<PartitionWriter.RowKind, AtomicLong> byKind = new ConcurrentHashMap<>();
  private final AtomicLong received = new AtomicLong();
  private volatile FunctionCounter csvWaits;

  void committed(PartitionWriter.Committed commit) {
    files.increment(commit.files());
    rows.increment(commit.rows());
    commit.rowsByKind().forEach((kind, n) -> byKind.computeIfAbsent(kind, k -> new AtomicLong()).addAndGet(n));
    commit.rowsByFault().forEach((fault, n) -> {
      Counter.builder("sink.rows.by.fault").tag("fault_type", fault).description("Rows in visible files, by fault_type")
          .register(registry).increment(n);
    });
  }

  void watch(FormattingThread csv) {
    csvWaits = FunctionCounter.builder("sink.csv.waits", csv, FormattingThread::waits)
        .description("Times the sink waited to hand rows to its CSV thread, which had too many waiting").register(registry);
  }

  /** See {@link #watch}. */
  public long csvWaits() {
    return csvWaits == null ? 0 : (long) csvWaits.count();
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
    return rowsByFault(kind -> true);
  }

  /** Rows in visible files of run {@code runId}, by fault_type. */
  public Map<String, Long> rowsByFault(String runId) {
    return rowsByFault(kind -> kind.runId().equals(runId));
  }

  /** Rows in visible files that belong to no run or to another run than {@code runId}. */
  public long rowsNotOf(String runId) {
    return byKind.entrySet().stream().filter(e -> !e.getKey().runId().equals(runId)).mapToLong(e -> e.getValue().get()).sum();
  }

  private Map<String, Long> rowsByFault(Predicate<PartitionWriter.RowKind> which) {
    Map<String, Long> copy = new TreeMap<>();
    byKind.forEach((kind, n) -> {
      if (which.test(kind)) {
        copy.merge(kind.faultType(), n.get(), Long::sum);
      }
    });
    return copy;
  }

  String scrape() {
    return registry.scrape();
  }
}
