package dev.twlb.detector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One labeled window, reduced to what training needs: where it comes from (its run and epoch, the unit of the held-out
 * split), its label, its inputs under both feature sets, whether it is clean (not a transition: a score counts it) and
 * whether a model learns from it. A window an assignment change cuts is trained on when asked ({@link
 * TrainConfig#MIN_PURITY}) but never scored; a clean window of a fault that hits requests at random in which none was
 * hit is scored but not trained on.
 */
public record Row(String runId, long epochId, String nodeId, long windowStart, String label, double[] all, double[] prototype,
    boolean clean, boolean trained) {

  public Row(String runId, long epochId, String nodeId, long windowStart, String label, double[] all, double[] prototype) {
    this(runId, epochId, nodeId, windowStart, label, all, prototype, true, true);
  }

  /** The clean rows of {@code rows}: the ones a score counts. */
  static List<Row> clean(List<Row> rows) {
    return rows.stream().filter(Row::clean).toList();
  }

  /** The rows of {@code rows} a model learns from. */
  static List<Row> trained(List<Row> rows) {
    return rows.stream().filter(Row::trained).toList();
  }

  /**
   * Of each node's clean rows, at most one every {@code spacingMs} (the first of each stretch, in time order), and
   * every cut row; all rows when {@code spacingMs} is 0.
   */
  static List<Row> spaced(List<Row> rows, long spacingMs) {
    if (spacingMs <= 0) {
      return rows;
    }
    Map<String, Long> lastKept = new HashMap<>();
    List<Row> kept = new ArrayList<>();
    for (Row r : rows.stream().sorted(Comparator.comparing(Row::runId).thenComparing(Row::nodeId)
        .thenComparingLong(Row::windowStart)).toList()) {
      String node = r.runId() + "/" + r.nodeId();
      Long last = lastKept.get(node);
      if (!r.clean()) {
        kept.add(r);
      } else if (last == null || r.windowStart() - last >= spacingMs) {
        kept.add(r);
        lastKept.put(node, r.windowStart());
      }
    }
    return kept;
  }

  /** The group a held-out split keeps together: no epoch of a run is ever on both sides. */
  public String epochKey() {
    return runId + "#" + epochId;
  }

  double[] features(Features set) {
    return set == Features.ALL ? all : prototype;
  }
}
