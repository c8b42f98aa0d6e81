package dev.twlb.scheduler;

import dev.twlb.schemas.ParamRange;
import dev.twlb.schemas.FaultType;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/** The ranges every fault's parameters are drawn from: the catalogue's defaults, with overrides. */
public final class Intensities {
  private final Map<FaultType, Map<String, ParamRange>> ranges = new EnumMap<>(FaultType.class);

  private Intensities() {
    for (FaultType type : FaultType.values()) {
      ranges.put(type, new TreeMap<>(type.defaultRanges()));
    }
  }

  public static Intensities defaults() {
    return new Intensities();
  }

  /** The defaults with overrides like {@code delay.delay_ms=6000..7000} or {@code slow.added_ms=1000}. */
  public static Intensities withOverrides(List<String> overrides) {
    Intensities intensities = new Intensities();
    for (String override : overrides) {
      int eq = override.indexOf('=');
      int dot = override.indexOf('.');
      if (eq < 0 || dot < 0 || dot > eq) {
        throw new IllegalArgumentException("intensity '" + override + "' is not FAULT.PARAM=MIN..MAX");
      }
      FaultType type = FaultType.of(override.substring(0, dot).trim());
      String param = override.substring(dot + 1, eq).trim();
      if (!type.defaultRanges().containsKey(param)) {
        throw new IllegalArgumentException("fault '" + type + "' has no parameter '" + param + "'; it has "
            + (type.defaultRanges().isEmpty() ? "none" : type.defaultRanges().keySet()));
      }
      intensities.ranges.get(type).put(param, ParamRange.parse(override.substring(eq + 1)));
    }
    return intensities;
  }

  public ParamRange range(FaultType type, String param) {
    return ranges.get(type).get(param);
  }

  /** One value per parameter of {@code type}, drawn in parameter-name order so a seed replays exactly. */
  public Map<String, Double> draw(FaultType type, RandomGenerator random) {
    Map<String, Double> values = new TreeMap<>();
    ranges.get(type).forEach((param, range) -> values.put(param, range.draw(random)));
    return values;
  }
}
