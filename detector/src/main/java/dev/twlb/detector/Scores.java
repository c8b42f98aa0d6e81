package dev.twlb.detector;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Plain per-window scores of a set of (true, predicted) labels: the confusion matrix, precision,
 * recall and F1 per class, their macro average, and accuracy. No point adjustment, no smoothing.
 */
public final class Scores {
  /** One class's figures; {@code support} is how many windows truly had it. */
  public record ClassScore(String label, double precision, double recall, double f1, long support) {}

  private final List<String> labels;
  private final long[][] confusion;

  public Scores(List<String> truth, List<String> predicted) {
    if (truth.size() != predicted.size()) {
      throw new IllegalArgumentException("truth and predictions differ in length");
    }
    TreeSet<String> all = new TreeSet<>(truth);
    all.addAll(predicted);
    labels = new ArrayList<>(all);
    confusion = new long[labels.size()][labels.size()];
    for (int i = 0; i < truth.size(); i++) {
      confusion[labels.indexOf(truth.get(i))][labels.indexOf(predicted.get(i))]++;
    }
  }

  /** Row = true class, column = predicted class, in the order of {@link #labels()}. */
  public long[][] confusion() {
    return confusion;
  }

  public List<String> labels() {
    return labels;
  }

  /** Every class that truly occurs (a class only ever predicted has no recall to speak of). */
  public List<ClassScore> perClass() {
    List<ClassScore> scores = new ArrayList<>();
    for (int c = 0; c < labels.size(); c++) {
      long tp = confusion[c][c];
      long actual = 0;
      long predicted = 0;
      for (int o = 0; o < labels.size(); o++) {
        actual += confusion[c][o];
        predicted += confusion[o][c];
      }
      if (actual == 0) {
        continue;
      }
      double precision = predicted == 0 ? 0 : tp / (double) predicted;
      double recall = tp / (double) actual;
      double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
      scores.add(new ClassScore(labels.get(c), precision, recall, f1, actual));
    }
    return scores;
  }

  /** Unweighted mean of the F1 of every class that truly occurs. */
  public double macroF1() {
    return perClass().stream().mapToDouble(ClassScore::f1).average().orElse(0);
  }

  public double accuracy() {
    long right = 0;
    long total = 0;
    for (int c = 0; c < labels.size(); c++) {
      right += confusion[c][c];
      for (long n : confusion[c]) {
        total += n;
      }
    }
    return total == 0 ? 0 : right / (double) total;
  }
}
