package dev.twlb.bench;

import dev.twlb.schemas.Attempt;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one strategy did for the clients over one run, from the balancer's request events and the run's fault
 * assignments alone. A client's request is its chain of attempts (a retry points to the attempt it retries); it
 * succeeded when its last attempt was OK (a 200 with a valid checksum), and took from its first attempt's sending to
 * its last attempt's end. A request went to a faulty node when its node's assignment at that moment was not benign,
 * and to a harmful one when that fault is one clients can notice (not {@link #HARMLESS}). Probes (copies of requests
 * whose answers reach no client) are counted apart and left out of everything else. The first epoch is not scored.
 */
record StrategyOutcome(long requests, long probes, double successRate, double p50Ms, double p99Ms, double faultyShare, double harmfulShare,
                       double medianSecondsToTenthOfShare, int faultsUnderTenth, int faultsCounted,
                       Map<String, Double> medianSecondsByFault, Map<String, Long> failedByFault, TreeMap<Double, Double> successOverTime) {
  /** Faults whose nodes still answer right and in time: clients cannot tell, so time-to-avoid is not measured for them. */
  static final Set<String> HARMLESS = Set.of(FaultType.BENIGN.wireName(), FaultType.CPU_HOG.wireName(), FaultType.MEMORY_LEAK.wireName());
  static final double SUCCESS_BUCKET_SECONDS = 5;

  static StrategyOutcome of(List<RequestEvent> events, List<FaultAssignment> assignments, int nodes) {
    // the first epoch is warm-up (JVMs compiling, connections opening, the traffic finding its pace): not scored
    long firstEpoch = assignments.stream().mapToLong(FaultAssignment::getEpochId).min().orElse(0);
    List<FaultAssignment> scored = assignments.stream().filter(a -> a.getEpochId() > firstEpoch).toList();
    if (scored.isEmpty()) {
      scored = assignments;
    }
    long start = scored.stream().mapToLong(a -> a.getEffectiveFromMs().toEpochMilli()).min().orElse(0);
    long end = assignments.stream().mapToLong(a -> a.getEffectiveUntilMs().toEpochMilli()).max().orElse(Long.MAX_VALUE);
    List<RequestEvent> attempts = events.stream().filter(e -> ms(e) >= start && ms(e) < end).toList();
    List<RequestEvent> inRun = attempts.stream().filter(e -> Attempt.of(e) != Attempt.PROBE).toList();
    long probes = attempts.size() - inRun.size();
    Map<String, RequestEvent> byId = new HashMap<>();
    Set<String> retried = new HashSet<>();
    for (RequestEvent e : inRun) {
      byId.put(e.getRequestId(), e);
      if (e.getRetryOf() != null) {
        retried.add(e.getRetryOf());
      }
    }
    AssignmentIndex faults = new AssignmentIndex(assignments);
    Map<String, Long> failedByFault = new TreeMap<>(); // a failed client request by its last node's fault and the outcome
    List<double[]> clients = new ArrayList<>(); // {first attempt sent (ms), latency (ms), ok (1/0)}
    for (RequestEvent last : inRun) {
      if (retried.contains(last.getRequestId())) {
        continue;
      }
      RequestEvent first = last;
      while (first.getRetryOf() != null && byId.containsKey(first.getRetryOf())) {
        first = byId.get(first.getRetryOf());
      }
      double latency = ms(last) + last.getLatencyMs() - ms(first);
      clients.add(new double[] {ms(first), latency, last.getOutcome() == Outcome.OK ? 1 : 0});
      if (last.getOutcome() != Outcome.OK) {
        failedByFault.merge(faults.at(last.getNodeId(), ms(last)) + " " + last.getOutcome(), 1L, Long::sum);
      }
    }
    double[] latencies = clients.stream().mapToDouble(c -> c[1]).sorted().toArray();
    double success = clients.stream().mapToDouble(c -> c[2]).average().orElse(Double.NaN);
    TreeMap<Double, double[]> buckets = new TreeMap<>();
    for (double[] c : clients) {
      double bucket = Math.floor((c[0] - start) / 1000 / SUCCESS_BUCKET_SECONDS) * SUCCESS_BUCKET_SECONDS;
      double[] b = buckets.computeIfAbsent(bucket, k -> new double[2]);
      b[0] += c[2];
      b[1]++;
    }
    TreeMap<Double, Double> overTime = new TreeMap<>();
    buckets.forEach((t, b) -> overTime.put(t, 100 * b[0] / b[1]));

    double faulty = inRun.stream().filter(e -> !faults.at(e.getNodeId(), ms(e)).equals(FaultType.BENIGN.wireName())).count()
        / (double) inRun.size();
    double harmful = inRun.stream().filter(e -> !HARMLESS.contains(faults.at(e.getNodeId(), ms(e)))).count() / (double) inRun.size();
    Map<String, List<Double>> timesByFault = new TreeMap<>();
    List<Double> harmfulTimes = new ArrayList<>();
    int counted = 0;
    for (FaultAssignment a : scored) {
      if (a.getFaultType().equals(FaultType.BENIGN.wireName())) {
        continue;
      }
      // by fault: every fault, the ones requests do not show too (only a detector's verdicts can move them)
      double seconds = secondsToTenthOfShare(inRun, a, nodes);
      if (!Double.isNaN(seconds)) {
        timesByFault.computeIfAbsent(a.getFaultType(), k -> new ArrayList<>()).add(seconds);
      }
      if (!HARMLESS.contains(a.getFaultType())) {
        counted++;
        if (!Double.isNaN(seconds)) {
          harmfulTimes.add(seconds);
        }
      }
    }
    Map<String, Double> medians = new TreeMap<>();
    timesByFault.forEach((fault, times) -> medians.put(fault, median(times)));
    return new StrategyOutcome(clients.size(), probes, success, percentile(latencies, 0.50), percentile(latencies, 0.99), faulty, harmful,
        median(harmfulTimes), harmfulTimes.size(), counted, medians, failedByFault, overTime);
  }

  /**
   * Seconds from the fault's start to the end of the first whole second in which its node got under a tenth of a fair
   * share (1 / nodes) of the attempts; NaN when that never happened while the fault was in force.
   */
  static double secondsToTenthOfShare(List<RequestEvent> events, FaultAssignment fault, int nodes) {
    long from = fault.getEffectiveFromMs().toEpochMilli();
    long until = fault.getEffectiveUntilMs().toEpochMilli();
    int seconds = (int) ((until - from) / 1000);
    long[] all = new long[seconds];
    long[] toNode = new long[seconds];
    for (RequestEvent e : events) {
      long t = ms(e);
      if (t >= from && t < from + seconds * 1000L) {
        int s = (int) ((t - from) / 1000);
        all[s]++;
        toNode[s] += e.getNodeId().equals(fault.getNodeId()) ? 1 : 0;
      }
    }
    for (int s = 0; s < seconds; s++) {
      if (all[s] > 0 && toNode[s] < 0.1 * all[s] / nodes) {
        return s + 1;
      }
    }
    return Double.NaN;
  }

  static double percentile(double[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  }

  static double median(List<Double> values) {
    return percentile(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5);
  }

  private static long ms(RequestEvent e) {
    return e.getTsMs().toEpochMilli();
  }

  /** The fault in force for a node at a moment ("benign" where no assignment covers it). */
  static final class AssignmentIndex {
    private final Map<String, List<FaultAssignment>> byNode = new HashMap<>();

    AssignmentIndex(List<FaultAssignment> assignments) {
      for (FaultAssignment a : assignments) {
        byNode.computeIfAbsent(a.getNodeId(), k -> new ArrayList<>()).add(a);
      }
      byNode.values().forEach(l -> l.sort(Comparator.comparing(FaultAssignment::getEffectiveFromMs)));
    }

    String at(String node, long ms) {
      for (FaultAssignment a : byNode.getOrDefault(node, List.of())) {
        if (a.getEffectiveFromMs().toEpochMilli() <= ms && ms < a.getEffectiveUntilMs().toEpochMilli()) {
          return a.getFaultType();
        }
      }
      return FaultType.BENIGN.wireName();
    }
  }

  @Override
  public String toString() {
    return String.format("%d requests (+%d probes), %.2f%% ok, p50 %.1f ms, p99 %.1f ms, %.2f%% to faulty nodes, %d/%d faults under a tenth of"
        + " their share (median %.0f s)", requests, probes, 100 * successRate, p50Ms, p99Ms, 100 * faultyShare, faultsUnderTenth, faultsCounted,
        medianSecondsToTenthOfShare);
  }
}
