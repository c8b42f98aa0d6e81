package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Random;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class OpenWindowTest {
  private static final double[] QUANTILES = {0.5, 0.9, 0.99};

  @Test
  void latenciesHeldAndFoldedInBatchesAnswerAsASketchFedEachOne() {
    OpenWindow window = new OpenWindow("node-1", 5_000, Accumulator.empty(), false);
    DDSketch direct = Accumulator.sketchOf(Accumulator.empty());
    Random random = new Random(18);
    for (int i = 0; i < 1_000; i++) {
      double ms = random.nextInt(10) == 0 ? 5_000 : 1 + random.nextDouble() * 80;
      window.addLatency(ms);
      direct.accept(ms);
      if (i == 30 || i == 500) {
        window.state(); // a commit writes the window between two observations
      }
    }
    assertThat(window.latencies().getCount()).isEqualTo(1_000.0);
    assertThat(window.latencies().getValuesAtQuantiles(QUANTILES)).containsExactly(direct.getValuesAtQuantiles(QUANTILES));
  }

  @Test
  void theStoredFormCarriesLatenciesNotYetFoldedAndARestoredWindowAddsToThem() {
    OpenWindow window = new OpenWindow("node-1", 5_000, Accumulator.empty(), false);
    window.addLatency(12.0);
    window.addLatency(30.0);
    OpenWindow restored = new OpenWindow("node-1", 5_000, window.state(), true);
    assertThat(restored.latencies().getCount()).isEqualTo(2.0);
    restored.addLatency(40.0);
    assertThat(restored.latencies().getCount()).isEqualTo(3.0);
    assertThat(restored.latencies().getMaxValue()).isCloseTo(40.0, Percentage.withPercentage(1));
  }

  @Test
  void aWindowWithoutAnsweredRequestsStoresNoSketch() {
    OpenWindow window = new OpenWindow("node-1", 5_000, Accumulator.empty(), false);
    assertThat(window.state().getLatencySketch()).isNull();
    assertThat(window.latencies().isEmpty()).isTrue();
  }
}
