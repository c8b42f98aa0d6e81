package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScoresTest {
  @Test
  void perClassFiguresMacroF1AndTheConfusionMatrix() {
    Scores s = new Scores(
        List.of("benign", "benign", "benign", "crash", "crash", "delay"),
        List.of("benign", "benign", "crash", "crash", "crash", "benign"));
    assertThat(s.labels()).containsExactly("benign", "crash", "delay");
    assertThat(s.confusion()).isEqualTo(new long[][] {{2, 1, 0}, {0, 2, 0}, {1, 0, 0}});
    Scores.ClassScore benign = s.perClass().get(0);
    assertThat(benign.precision()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(benign.recall()).isCloseTo(2 / 3.0, within(1e-12));
    Scores.ClassScore crash = s.perClass().get(1);
    assertThat(crash.f1()).isCloseTo(0.8, within(1e-12)); // precision 2/3, recall 1
    assertThat(s.perClass().get(2).f1()).isZero();
    assertThat(s.macroF1()).isCloseTo((2 / 3.0 + 0.8 + 0) / 3, within(1e-12));
    assertThat(s.accuracy()).isCloseTo(4 / 6.0, within(1e-12));
  }

  @Test
  void aClassOnlyEverPredictedHasNoRowOfItsOwn() {
    Scores s = new Scores(List.of("benign", "benign"), List.of("benign", "slow"));
    assertThat(s.perClass()).extracting(Scores.ClassScore::label).containsExactly("benign");
    assertThat(s.labels()).containsExactly("benign", "slow");
  }
}
