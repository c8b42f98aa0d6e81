package dev.twlb.detector;

/**
 * One clean labeled window, reduced to what training needs: where it comes from (its run and
 * epoch, the unit of the held-out split), its label, and its inputs under both feature sets.
 */
public record Row(String runId, long epochId, String nodeId, long windowStart, String label, double[] all, double[] prototype) {

  /** The group a held-out split keeps together: no epoch of a run is ever on both sides. */
  public String epochKey() {
    return runId + "#" + epochId;
  }

  double[] features(Features set) {
    return set == Features.ALL ? all : prototype;
  }
}
