package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeaturesTest {
  @Test
  void theLabelAndWhereTheRowComesFromAreNeverInputs() {
    LabeledWindow row = SyntheticWindows.window("node-1", "delay", 0, new Random(1)).setRunId("a").setEpochId(1L).build();
    LabeledWindow relabeled = LabeledWindow.newBuilder(row).setFaultType("benign").setRunId("b").setEpochId(7L)
        .setIsTransition(true).setLabelPurity(0.5).build();
    for (Features set : Features.values()) {
      assertThat(set.of(relabeled)).isEqualTo(set.of(row));
    }
  }

  @Test
  void missingValuesBecomeNumbersAndIndicators() {
    LabeledWindow crash = SyntheticWindows.window("node-1", "crash", 0, new Random(1)).build();
    double[] values = Features.ALL.of(crash);
    assertThat(Arrays.stream(values).allMatch(Double::isFinite)).isTrue();
    assertThat(values[Arrays.asList(Features.ALL.names()).indexOf("has_cpu_rate")]).isZero();
    assertThat(values[Arrays.asList(Features.ALL.names()).indexOf("answered")]).isZero();
    assertThat(values[Arrays.asList(Features.ALL.names()).indexOf("connect_error_share")]).isEqualTo(1.0);
    assertThat(Features.PROTOTYPE.names()).containsExactly("avg_latency_seconds", "error_500_count", "cpu_usage_rate", "resident_mem_mb");
  }
}
