package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SoakSampleTest {
  private static SoakSample at(double minute, double runRss) {
    return new SoakSample(minute * 60, runRss, 0, 15, 0, 0);
  }

  @Test
  void trendLeavesOutTheWarmUpAndGivesTheSlopePerHour() {
    // 2 MiB a minute during a 10-minute warm-up, then 0.1 MiB a minute, a spike mid-way (no pull on the slope)
    List<SoakSample> samples = IntStream.rangeClosed(0, 60)
        .mapToObj(m -> at(m, m <= 10 ? 500 + 2 * m : 520 + 0.1 * (m - 10) + (m == 35 ? 40 : 0))).toList();
    SoakSample.Trend trend = SoakSample.trend(samples, Duration.ofMinutes(10), SoakSample::runRssMiB);
    assertThat(trend.first()).isEqualTo(520);
    assertThat(trend.last()).isCloseTo(525, within(1e-9));
    assertThat(trend.max()).isCloseTo(562.5, within(1e-9));
    assertThat(trend.perHour()).isCloseTo(6, within(1e-9));
  }

  @Test
  void aFlatSeriesHasNoTrend() {
    List<SoakSample> samples = IntStream.range(0, 30).mapToObj(m -> at(m, 700)).toList();
    assertThat(SoakSample.trend(samples, Duration.ofMinutes(5), SoakSample::runRssMiB).perHour()).isZero();
  }
}
