package dev.twlb.labeler;

import dev.twlb.labeler.state.ScrapePoint;
import dev.twlb.schemas.MetricSample;

/**
 * A scrape of a node: what it read ({@code point}, null when the scrape failed) and the previous
 * successful scrape of the same process (null when there is none, or the process restarted since:
 * then {@code restarted}), so a window's rates can start before the window does. A failed scrape
 * says whether its connection was {@code refused} (nothing listened).
 */
record Scrape(ScrapePoint point, ScrapePoint previous, boolean restarted, boolean refused) {
  static Scrape failed(boolean refused) {
    return new Scrape(null, null, false, refused);
  }

  static Scrape succeeded(ScrapePoint point, ScrapePoint previous, boolean restarted) {
    return new Scrape(point, previous, restarted, false);
  }

  boolean up() {
    return point != null;
  }


  /** The counters and levels of a successful scrape. */
  static ScrapePoint pointOf(MetricSample sample) {
    return ScrapePoint.newBuilder()
        .setTsMs(sample.getTsMs().toEpochMilli())
        .setProcessStartMs(sample.getProcessStartMs() == null ? null : sample.getProcessStartMs().toEpochMilli())
        .setCpuSeconds(sample.getCpuSecondsTotal())
        .setResidentBytes(sample.getResidentMemoryBytes())
        .setHeapBytes(sample.getHeapUsedBytes())
        .build();
  }

  /**
   * True when {@code later} was scraped after {@code earlier} from the same process: the same start
   * time where both are known, and a CPU counter that did not go back (a restart resets it).
   */
  static boolean sameProcess(ScrapePoint earlier, ScrapePoint later) {
    if (earlier.getTsMs() >= later.getTsMs()) {
      return false;
    }
    if (earlier.getProcessStartMs() != null && later.getProcessStartMs() != null
        && !earlier.getProcessStartMs().equals(later.getProcessStartMs())) {
      return false;
    }
    return earlier.getCpuSeconds() == null || later.getCpuSeconds() == null
        || later.getCpuSeconds() >= earlier.getCpuSeconds();
  }
}
