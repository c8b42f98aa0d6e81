package dev.twlb.detector;

import dev.twlb.schemas.FaultType;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * The faults that hit requests at random: a window of one may hold no hit, and then nothing in it tells it from a
 * benign node's window. Such windows are scored (the node was faulty) but not learned from: a model made to name them
 * learns noise, and calls benign nodes by them (seed 313, early windows: 19% of the intermittent-error windows of the
 * training epochs held no error, and the model then called 18% of the benign windows intermittent-error).
 */
public final class RandomHits {
  /** The lowest rate, in the fault catalogue, at which each hits a request. */
  public static final Map<FaultType, Double> LOWEST_RATE = Map.of(
      FaultType.INTERMITTENT_ERROR, FaultType.INTERMITTENT_ERROR.defaultRanges().get("error_rate").min(),
      FaultType.CORRUPT, FaultType.CORRUPT.defaultRanges().get("corrupt_rate").min());

  private RandomHits() {}

  /** Whether {@code r} is a window of a fault that hits requests at random in which no request was hit. */
  public static boolean noHit(GenericRecord r) {
    String label = String.valueOf(r.get("fault_type"));
    return LOWEST_RATE.keySet().stream().anyMatch(type -> type.wireName().equals(label) && !(FaultSign.OF.get(type).of(r) > 0));
  }
}
