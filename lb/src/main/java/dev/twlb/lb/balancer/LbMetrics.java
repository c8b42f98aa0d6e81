package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The balancer's own {@code /metrics}: requests by node and outcome, observed latency by node. */
final class LbMetrics {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> requests = new ConcurrentHashMap<>();
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();

  void record(String node, Outcome outcome, long nanos) {
    requests.computeIfAbsent(node + '/' + outcome, k -> Counter.builder("lb.requests")
        .tag("node", node).tag("outcome", outcome.name())
        .description("Requests the balancer routed, by node and outcome").register(registry)).increment();
    latency.computeIfAbsent(node, k -> Timer.builder("lb.request.latency").tag("node", node)
        .description("Latency the balancer observed").publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)).record(Duration.ofNanos(nanos));
  }

  String scrape() {
    return registry.scrape();
  }
}
