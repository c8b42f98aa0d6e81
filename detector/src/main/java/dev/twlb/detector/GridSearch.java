package dev.twlb.detector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Chooses the SVM's C and gamma by grouped k-fold inside the rows it is given (the training epochs
 * of an outer fold: the held-out epochs never take part), by macro-F1. Grid points run in parallel.
 */
final class GridSearch {
  /** A grid point and the macro-F1 it reached on the inner held-out epochs. */
  record Choice(Svm.Params params, double innerMacroF1) {}

  private final List<Double> costs;
  private final List<Double> gammas;
  private final int innerFolds;
  private final long seed;
  private final ExecutorService pool;

  GridSearch(List<Double> costs, List<Double> gammas, int innerFolds, long seed, ExecutorService pool) {
    this.costs = List.copyOf(costs);
    this.gammas = List.copyOf(gammas);
    this.innerFolds = innerFolds;
    this.seed = seed;
    this.pool = pool;
  }

  int size() {
    return costs.size() * gammas.size();
  }

  /**
   * The grid point with the best inner macro-F1. With one grid point, or training rows from a single
   * epoch (nothing to hold out), the middle of the grid is taken untried (inner macro-F1 NaN).
   */
  Choice choose(List<Row> rows, Features set) {
    int epochs = EpochFolds.epochsOf(rows).size();
    if (size() == 1 || epochs < 2) {
      return new Choice(new Svm.Params(costs.get(costs.size() / 2), gammas.get(gammas.size() / 2)), Double.NaN);
    }
    EpochFolds folds = new EpochFolds(rows, Math.min(innerFolds, epochs), seed + 1);
    List<Future<Choice>> tried = new ArrayList<>();
    for (double cost : costs) {
      for (double gamma : gammas) {
        Svm.Params params = new Svm.Params(cost, gamma);
        tried.add(pool.submit(() -> new Choice(params, crossValidate(folds, set, params, seed).macroF1())));
      }
    }
    List<Choice> choices = new ArrayList<>();
    for (Future<Choice> f : tried) {
      choices.add(await(f));
    }
    return choices.stream().max(Comparator.comparingDouble(Choice::innerMacroF1)).orElseThrow();
  }

  /** Trains on all folds but one, predicts that one's clean rows, for every fold; the pooled predictions' scores. */
  static Scores crossValidate(EpochFolds folds, Features set, Svm.Params params, long seed) {
    List<String> truth = new ArrayList<>();
    List<String> predicted = new ArrayList<>();
    for (int f = 0; f < folds.size(); f++) {
      List<Row> test = Row.clean(folds.test(f));
      test.forEach(row -> truth.add(row.label()));
      predicted.addAll(Svm.predictLabels(Svm.train(folds.train(f), set, params, seed), set, test));
    }
    return new Scores(truth, predicted);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }
}
