package dev.twlb.nodes.fault;

import dev.twlb.schemas.FaultType;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * How a node answers one {@code /process} request under a fault: how long it holds the answer
 * (on a timer, never a thread), which status, whether the body is corrupted, whether it lies about
 * its latency, and whether it skips the work (errors answer at once).
 */
public record Reply(long delayMs, int status, boolean doesWork, boolean corrupt, boolean liesAboutLatency) {
  private static final Reply HEALTHY = new Reply(0, 200, true, false, false);
  private static final Reply ERROR = new Reply(0, 500, false, false, false);

  /** The reply to one request under {@code fault} with its drawn {@code params}; pure, for a given random draw. */
  public static Reply decide(FaultType fault, Map<String, Double> params, RandomGenerator random) {
    return switch (fault) {
      case DELAY -> new Reply(ms(params, "delay_ms"), 200, true, false, false);
      case ERROR_500 -> ERROR;
      case LIE_LATENCY -> new Reply(ms(params, "delay_ms"), 200, true, false, true);
      case INTERMITTENT_ERROR -> random.nextDouble() < params.getOrDefault("error_rate", 0.0) ? ERROR : HEALTHY;
      case SLOW -> new Reply(ms(params, "added_ms"), 200, true, false, false);
      case CORRUPT -> random.nextDouble() < params.getOrDefault("corrupt_rate", 1.0)
          ? new Reply(0, 200, true, true, false) : HEALTHY;
      // crash and flapping act on the listening socket, cpu-hog and memory-leak on the process:
      // the requests that do get through are served normally.
      case BENIGN, CRASH, FLAPPING, CPU_HOG, MEMORY_LEAK -> HEALTHY;
    };
  }

  private static long ms(Map<String, Double> params, String name) {
    return Math.round(params.getOrDefault(name, 0.0));
  }
}
