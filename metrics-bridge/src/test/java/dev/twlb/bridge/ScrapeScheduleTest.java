package dev.twlb.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScrapeScheduleTest {
  @Test
  void theNodesFirstScrapesAreSpreadEvenlyOverOneInterval() {
    long[] delays = IntStream.range(0, 500).mapToLong(i -> MetricsBridge.firstScrapeDelayMs(i, 500, 2_000)).toArray();
    assertThat(delays[0]).isZero();
    assertThat(delays[250]).isEqualTo(1_000);
    assertThat(delays[499]).isEqualTo(1_996).isLessThan(2_000);
    assertThat(IntStream.range(0, 15).mapToLong(i -> MetricsBridge.firstScrapeDelayMs(i, 15, 2_000)))
        .as("15 nodes, one every 133 ms").startsWith(0L, 133L, 266L).allMatch(d -> d < 2_000);
  }
}
