package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochFoldsTest {
  private static List<Row> rows(int runs, int epochs, int windowsPerEpoch) {
    List<Row> rows = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      for (int epoch = 0; epoch < epochs; epoch++) {
        for (int w = 0; w < windowsPerEpoch; w++) {
          rows.add(new Row("run-" + run, epoch, "node-1", w, "benign", new double[] {w}, new double[] {w}));
        }
      }
    }
    return rows;
  }

  @Test
  void noEpochIsEverOnBothSidesAndEveryRowIsHeldOutExactlyOnce() {
    List<Row> rows = rows(2, 11, 7); // epoch 3 of run-0 and of run-1 are different groups
    EpochFolds folds = new EpochFolds(rows, 5, 9);
    int heldOut = 0;
    for (int f = 0; f < folds.size(); f++) {
      assertThat(EpochFolds.epochsOf(folds.test(f))).doesNotContainAnyElementsOf(EpochFolds.epochsOf(folds.train(f)));
      assertThat(folds.test(f).size() + folds.train(f).size()).isEqualTo(rows.size());
      assertThat(folds.test(f)).isNotEmpty();
      heldOut += folds.test(f).size();
    }
    assertThat(heldOut).isEqualTo(rows.size());
  }

  @Test
  void foldsAreDealtBySeedAndEvenInEpochs() {
    List<Row> rows = rows(1, 20, 3);
    EpochFolds a = new EpochFolds(rows, 5, 1);
    assertThat(EpochFolds.epochsOf(a.test(0))).isEqualTo(EpochFolds.epochsOf(new EpochFolds(rows, 5, 1).test(0)));
    for (int f = 0; f < 5; f++) {
      assertThat(EpochFolds.epochsOf(a.test(f))).hasSize(4);
    }
  }

  @Test
  void fewerEpochsThanFoldsIsAClearError() {
    assertThatThrownBy(() -> new EpochFolds(rows(1, 3, 2), 5, 1)).hasMessageContaining("at least 5 epochs; the data has 3");
  }
}
