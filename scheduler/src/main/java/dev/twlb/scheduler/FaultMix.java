package dev.twlb.scheduler;

import dev.twlb.schemas.FaultType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Which faults a faulty node may get, with relative weights, e.g. {@code delay=2,crash=1,500-error=1}. */
public record FaultMix(Map<FaultType, Double> weights) {

  public FaultMix {
    if (weights.isEmpty()) {
      throw new IllegalArgumentException("the fault mix is empty");
    }
    weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
  }

  public static FaultMix uniform() {
    return new FaultMix(FaultType.uniformMix());
  }

  /** Parses {@code name[=weight],...}; a name without a weight weighs 1. */
  public static FaultMix parse(String text) {
    Map<FaultType, Double> weights = new LinkedHashMap<>();
    for (String entry : text.split(",")) {
      String trimmed = entry.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      FaultType type = FaultType.of(eq < 0 ? trimmed : trimmed.substring(0, eq).trim());
      double weight = eq < 0 ? 1.0 : parseWeight(trimmed, trimmed.substring(eq + 1));
      if (weights.put(type, weight) != null) {
        throw new IllegalArgumentException("fault '" + type + "' is given twice");
      }
    }
    if (weights.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
      throw new IllegalArgumentException("the fault mix '" + text + "' has no fault with a positive weight");
    }
    return new FaultMix(weights);
  }

  public FaultType draw(RandomGenerator random) {
    double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    double point = random.nextDouble() * total;
    FaultType last = null;
    for (Map.Entry<FaultType, Double> e : weights.entrySet()) {
      last = e.getKey();
      point -= e.getValue();
      if (point < 0) {
        return last;
      }
    }
    return last;
  }

  private static double parseWeight(String entry, String text) {
    try {
      double weight = Double.parseDouble(text.trim());
      if (weight < 0 || Double.isNaN(weight) || Double.isInfinite(weight)) {
        throw new NumberFormatException();
      }
      return weight;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("fault mix entry '" + entry + "': weight must be a number >= 0");
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    weights.forEach((t, w) -> s.append(s.isEmpty() ? "" : ",").append(t).append('=').append(w));
    return s.toString();
  }
}
