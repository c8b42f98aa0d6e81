package dev.twlb.bridge;

import dev.twlb.schemas.MetricSample;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Turns a node's exposition, or the failure to get one, into a {@link MetricSample}. */
final class Samples {
  private static final String REQUESTS = "node_requests_total";
  /** The metrics {@link #up} reads: the only ones worth parsing. */
  static final Set<String> READ = Set.of(REQUESTS, "node_request_latency_seconds_count", "node_request_latency_seconds_sum",
      "process_start_time_seconds", "process_cpu_seconds_total", "process_resident_memory_bytes", "jvm_memory_used_bytes");

  private Samples() {}

  static MetricSample up(String nodeId, Instant started, double durationMs, Exposition metrics) {
    Map<String, Long> byStatus = new TreeMap<>();
    metrics.samples().stream().filter(s -> s.name().equals(REQUESTS) && s.labels().containsKey("status"))
        .forEach(s -> byStatus.merge(s.labels().get("status"), (long) s.value(), Long::sum));
    Double latencyCount = metrics.sum("node_request_latency_seconds_count", Map.of());
    Double requests = metrics.sum(REQUESTS, Map.of());
    Double processStart = metrics.first("process_start_time_seconds", Map.of());
    return MetricSample.newBuilder()
        .setNodeId(nodeId).setTsMs(started).setUp(true).setDownReason(null).setScrapeDurationMs(durationMs)
        .setCpuSecondsTotal(metrics.first("process_cpu_seconds_total", Map.of()))
        .setResidentMemoryBytes(metrics.first("process_resident_memory_bytes", Map.of()))
        .setHeapUsedBytes(metrics.sum("jvm_memory_used_bytes", Map.of("area", "heap")))
        .setRequestsTotal(requests == null ? null : requests.longValue())
        .setRequestsByStatus(byStatus)
        .setLatencySumSeconds(metrics.sum("node_request_latency_seconds_sum", Map.of()))
        .setLatencyCount(latencyCount == null ? null : latencyCount.longValue())
        .setProcessStartMs(processStart == null ? null : Instant.ofEpochMilli(Math.round(processStart * 1000)))
        .build();
  }

  static MetricSample down(String nodeId, Instant started, double durationMs, String reason) {
    return MetricSample.newBuilder()
        .setNodeId(nodeId).setTsMs(started).setUp(false).setDownReason(reason).setScrapeDurationMs(durationMs)
        .setRequestsByStatus(Map.of())
        .build();
  }
}
