package dev.twlb.nodes.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's Prometheus metrics: {@code process_cpu_seconds_total} and
 * {@code process_resident_memory_bytes} under the names the seed's exporter used, the process's start
 * time, JVM memory,
 * {@code node_requests_total} by status and the {@code node_request_latency_seconds} histogram.
 */
final class NodeMetrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
  private final Timer latency;
  /** Held here: Micrometer holds a meter's state object only weakly. */
  private final ProcessFigures figures;

  NodeMetrics(String nodeId, ProcessFigures figures) {
    this.figures = figures;
    registry.config().commonTags("node", nodeId);
    new JvmMemoryMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry); // process_start_time_seconds: lets a reader tell a restart from a counter
    FunctionCounter.builder("process.cpu", figures, ProcessFigures::cpuSeconds).baseUnit("seconds")
        .description("CPU time used by the node's process (under shared hosting: by the node's own threads and work)")
        .register(registry);
    Gauge.builder("process.resident.memory", figures, ProcessFigures::residentBytes).baseUnit("bytes")
        .description("Resident memory of the node's process (under shared hosting: its share of the host's, plus what it leaks)")
        .register(registry);
    latency = Timer.builder("node.request.latency").description("Time the node took to answer /process")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry);
    // The statuses a node answers with are exposed from the start, so "no requests yet" reads as 0.
    requests(200);
    requests(500);
  }

  void record(int status, long nanos) {
    requests(status).increment();
    latency.record(Duration.ofNanos(nanos));
  }

  private Counter requests(int status) {
    return requestsByStatus.computeIfAbsent(status, s -> Counter.builder("node.requests").tag("status", Integer.toString(s))
        .description("Requests answered, by HTTP status").register(registry));
  }

  String scrape() {
    return registry.scrape();
  }
}
