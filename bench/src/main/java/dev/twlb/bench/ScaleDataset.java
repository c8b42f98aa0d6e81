package dev.twlb.bench;

import dev.twlb.detector.DatasetReader;
import dev.twlb.detector.report.LabelEvidence;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a dataset of many nodes holds for a detector: windows with a row of every node (and rows written twice),
 * requests per node-window, the share of up nodes' windows with a CPU rate and a memory growth rate, and the label
 * evidence per class. The newest {@code settleMs} of windows are left out of the completeness count: a dataset still
 * being written (compose) has not flushed them yet.
 */
record ScaleDataset(double windowSeconds, long windows, long completeWindows, long duplicates, double requestsPerNodeWindow,
    String cpuRateCoverage, String memoryGrowthCoverage, List<LabelEvidence.ClassEvidence> evidence) {

  static ScaleDataset of(Path data, int nodes, long settleMs) {
    Map<Long, Set<String>> nodesByWindow = new HashMap<>();
    long[] requests = new long[2];
    long[] duplicates = new long[1];
    long[] windowMs = new long[1];
    LabelEvidence evidence = new LabelEvidence(r -> true);
    DatasetReader.forEachRow(List.of(data), r -> {
      if (r.get("epoch_id") == null) {
        return;
      }
      long start = DatasetReader.millis(r.get("window_start"));
      if (!nodesByWindow.computeIfAbsent(start, w -> new HashSet<>()).add(r.get("node_id").toString())) {
        duplicates[0]++;
      }
      windowMs[0] = DatasetReader.millis(r.get("window_end")) - start;
      Object count = r.get("request_count");
      requests[0] += count == null ? 0 : ((Number) count).longValue();
      requests[1]++;
      evidence.add(r);
    });
    long newest = nodesByWindow.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    List<Set<String>> settled = nodesByWindow.entrySet().stream().filter(e -> e.getKey() <= newest - settleMs)
        .map(Map.Entry::getValue).toList();
    return new ScaleDataset(windowMs[0] / 1000.0, settled.size(), settled.stream().filter(n -> n.size() == nodes).count(),
        duplicates[0],
        requests[1] == 0 ? 0 : (double) requests[0] / requests[1], DetectorBench.cpuRateCoverage(data),
        DetectorBench.coverage(data, "resident_mem_growth_mb_per_s"), evidence.classes());
  }

  /** The smallest share of node-epochs showing their fault, over the classes. */
  double weakestEvidence() {
    return evidence.stream().mapToDouble(LabelEvidence.ClassEvidence::share).min().orElse(0);
  }
}
