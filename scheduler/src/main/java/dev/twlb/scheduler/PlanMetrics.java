package dev.twlb.scheduler;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.servicekit.MetricsEndpoint;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Instant;
import java.util.List;

/**
 * The scheduler's {@code /metrics}: {@code twlb_fault_assignment{node, fault_type}} is 1 for the
 * assignment in force (for dashboards), and {@code twlb_epoch} the epoch in force.
 */
public final class PlanMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge assignments = MultiGauge.builder("twlb.fault.assignment")
      .description("1 for the fault in force on each node").register(registry);
  private final Vertx vertx = Vertx.vertx();
  private final HttpServer http;
  private volatile double epoch = -1;

  public PlanMetrics(String host, int port) {
    registry.gauge("twlb.epoch", this, m -> m.epoch);
    http = MetricsEndpoint.serve(vertx, registry::scrape, "scheduler", host, port);
  }

  public int port() {
    return http.actualPort();
  }

  /** Shows {@code plan} once it is in force (it is published ahead of time). */
  public void inForce(List<FaultAssignment> plan) {
    long delay = Math.max(0, plan.get(0).getEffectiveFromMs().toEpochMilli() - Instant.now().toEpochMilli());
    vertx.setTimer(Math.max(1, delay), id -> {
      epoch = plan.get(0).getEpochId();
      assignments.register(plan.stream().map(a -> MultiGauge.Row.of(
          Tags.of("node", a.getNodeId(), "fault_type", a.getFaultType()), 1)).toList(), true);
    });
  }

  @Override
  public void close() {
    vertx.close();
  }
}
