package dev.twlb.schemas;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The fault catalogue: the seed's four (spelled as its CSV spelled them) and the chaos-engineering
 * additions, each with the parameters whose intensity is drawn per epoch and their default ranges.
 */
public enum FaultType {
  BENIGN("benign", Map.of()),
  /** Hangs beyond the balancer's 5 s timeout, as the seed's delay did (6-7 s). */
  DELAY("delay", Map.of("delay_ms", new ParamRange(6000, 7000))),
  /** The process dies abruptly and stays down until its next non-crash epoch. */
  CRASH("crash", Map.of()),
  /** Every request answers 500 at once. */
  ERROR_500("500-error", Map.of()),
  /** Slow (3-4 s) but reports a latency as low as a healthy node's. */
  LIE_LATENCY("lie-latency", Map.of("delay_ms", new ParamRange(3000, 4000))),
  /** A fraction of requests answer 500. */
  INTERMITTENT_ERROR("intermittent-error", Map.of("error_rate", new ParamRange(0.1, 0.5))),
  /** Gray slowness: added latency below the balancer's timeout, honestly reported. */
  SLOW("slow", Map.of("added_ms", new ParamRange(300, 2500))),
  /** A fraction of requests answer 200 with a body whose checksum fails. */
  CORRUPT("corrupt", Map.of("corrupt_rate", new ParamRange(0.3, 1.0))),
  /** Alternates between serving and refusing connections, each phase lasting period_ms. */
  FLAPPING("flapping", Map.of("period_ms", new ParamRange(2000, 5000))),
  /** Busy threads burn CPU beside the node's work. */
  CPU_HOG("cpu-hog", Map.of("busy_threads", new ParamRange(1, 2))),
  /** Resident memory grows while the epoch lasts. */
  MEMORY_LEAK("memory-leak", Map.of("leak_mb_per_s", new ParamRange(2, 8)));

  /** The label of a window that no assignment covers (no scheduler ran then): not a fault, the absence of truth. */
  public static final String UNKNOWN_LABEL = "unknown";

  private final String wireName;
  private final Map<String, ParamRange> defaultRanges;

  FaultType(String wireName, Map<String, ParamRange> defaultRanges) {
    this.wireName = wireName;
    this.defaultRanges = defaultRanges;
  }

  /** The name on the wire and in the dataset's {@code fault_type} column. */
  public String wireName() {
    return wireName;
  }

  /** Whether a node under this fault refuses connections for part of the time by design (crash, flapping). */
  public boolean refusesConnections() {
    return this == CRASH || this == FLAPPING;
  }

  /** {@link #refusesConnections()} for a label ({@code unknown} included: nothing is expected of it). */
  public static boolean refusesConnections(String wireName) {
    return Arrays.stream(values()).anyMatch(t -> t.wireName.equals(wireName) && t.refusesConnections());
  }

  public Map<String, ParamRange> defaultRanges() {
    return defaultRanges;
  }

  /** The fault with this wire name; an unknown name is an error that lists the known ones. */
  public static FaultType of(String wireName) {
    for (FaultType type : values()) {
      if (type.wireName.equals(wireName)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown fault '" + wireName + "'; known faults: " + knownNames());
  }

  public static String knownNames() {
    return Arrays.stream(values()).map(FaultType::wireName).collect(Collectors.joining(", "));
  }

  /** Every non-benign fault with weight 1: the default mix. */
  public static Map<FaultType, Double> uniformMix() {
    Map<FaultType, Double> mix = new LinkedHashMap<>();
    Arrays.stream(values()).filter(t -> t != BENIGN).forEach(t -> mix.put(t, 1.0));
    return mix;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
