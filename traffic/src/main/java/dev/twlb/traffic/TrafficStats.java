package dev.twlb.traffic;

import java.util.Map;

/**
 * What the generator did so far: arrivals sent, answers by the balancer's outcome, arrivals
 * dropped because too many were in flight, requests that got no answer at all (with the last
 * reason), and the arrival rate it achieved.
 */
public record TrafficStats(long sent, long answered, long dropped, long failed, Map<String, Long> byOutcome,
                           double elapsedSeconds, String lastFailure) {

  public double achievedRate() {
    return elapsedSeconds <= 0 ? 0 : sent / elapsedSeconds;
  }

  @Override
  public String toString() {
    return String.format("%d sent in %.1f s (%.1f req/s), %d answered %s, %d dropped, %d failed%s",
        sent, elapsedSeconds, achievedRate(), answered, byOutcome, dropped, failed,
        failed > 0 && lastFailure != null ? " (last: " + lastFailure + ")" : "");
  }
}
