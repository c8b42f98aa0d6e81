package dev.twlb.detector;

import dev.twlb.schemas.FaultType;
import java.util.EnumMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/** What a fault leaves in a window: a count of outcomes, or a level compared with benign nodes. */
public enum FaultSign {
  ERRORS("HTTP errors", true, "http_error_count"),
  TIMEOUTS("timeouts", true, "timeout_count"),
  REFUSED("refused connections or down scrapes", true, "connect_error_count"),
  BAD_BODIES("bad bodies", true, "bad_response_count"),
  LATENCY("observed latency above benign", false, "latency_p50_ms"),
  CPU("CPU above benign", false, "cpu_usage_rate"),
  MEMORY_GROWTH("memory growth above benign", false, "resident_mem_growth_mb_per_s");

  /** Each fault's own sign. */
  public static final Map<FaultType, FaultSign> OF = new EnumMap<>(Map.of(
      FaultType.ERROR_500, ERRORS, FaultType.INTERMITTENT_ERROR, ERRORS, FaultType.DELAY, TIMEOUTS,
      FaultType.CRASH, REFUSED, FaultType.FLAPPING, REFUSED, FaultType.CORRUPT, BAD_BODIES,
      FaultType.SLOW, LATENCY, FaultType.LIE_LATENCY, LATENCY, FaultType.CPU_HOG, CPU,
      FaultType.MEMORY_LEAK, MEMORY_GROWTH));

  /** What the sign is, in a sentence's words. */
  public final String says;
  /** A count (shows when above zero) rather than a level (shows when above benign nodes'). */
  public final boolean count;
  private final String column;

  FaultSign(String says, boolean count, String column) {
    this.says = says;
    this.count = count;
    this.column = column;
  }

  /** The window's amount of this sign; NaN when the window has no value for it. */
  public double of(GenericRecord r) {
    double value = Features.number(r, column, Double.NaN);
    if (this == REFUSED) {
      double scrapes = Features.number(r, "scrape_count", Double.NaN);
      double up = Features.number(r, "scrape_up_ratio", Double.NaN);
      return value + (Double.isNaN(up) ? 0 : scrapes * (1 - up));
    }
    return value;
  }
}
