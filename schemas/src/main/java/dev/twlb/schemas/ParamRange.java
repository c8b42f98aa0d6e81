package dev.twlb.schemas;

import java.util.random.RandomGenerator;

/** The range a fault parameter's intensity is drawn from each epoch, uniformly, bounds included. */
public record ParamRange(double min, double max) {

  public ParamRange {
    if (!(min <= max) || Double.isNaN(min) || min < 0) {
      throw new IllegalArgumentException("a range needs 0 <= min <= max, got " + min + ".." + max);
    }
  }

  public double draw(RandomGenerator random) {
    return min == max ? min : min + random.nextDouble() * (max - min);
  }

  /** Parses {@code MIN..MAX} (or a single value). */
  public static ParamRange parse(String text) {
    String[] parts = text.trim().split("\\.\\.", -1);
    try {
      if (parts.length == 1) {
        double v = Double.parseDouble(parts[0]);
        return new ParamRange(v, v);
      }
      if (parts.length == 2) {
        return new ParamRange(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new IllegalArgumentException("'" + text + "' is not a range MIN..MAX");
  }

  @Override
  public String toString() {
    return min == max ? Double.toString(min) : min + ".." + max;
  }
}
