package dev.twlb.detector;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of {@code twlb train}. */
public final class TrainConfig extends AbstractConfig {
  public static final String DATA_DIRS = "data.dirs";
  public static final String OUT_DIR = "out.dir";
  public static final String MODEL_NAME = "model.name";
  public static final String FOLDS = "folds";
  public static final String INNER_FOLDS = "inner.folds";
  public static final String COSTS = "svm.costs";
  public static final String GAMMAS = "svm.gammas";
  public static final String SEED = "seed";
  public static final String WINDOWS_BEFORE_MS = "windows.before.ms";
  public static final String BASELINE = "baseline";
  public static final String MIN_PURITY = "windows.min.purity";
  public static final String SPACING_MS = "windows.spacing.ms";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(DATA_DIRS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, TrainConfig::nonEmpty, Importance.HIGH,
          "Data directories written by twlb run or twlb sink (their parquet/ folders are read).")
      .define(OUT_DIR, Type.STRING, "detector", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Where the model, report.json and confusion.png go.")
      .define(MODEL_NAME, Type.STRING, "model.tribuo", new ConfigDef.NonEmptyString(), Importance.LOW,
          "File name of the model inside the output directory.")
      .define(FOLDS, Type.INT, 5, Range.atLeast(2), Importance.MEDIUM,
          "Folds of the held-out split: epochs (by run and epoch) are dealt into this many groups, each held out once.")
      .define(INNER_FOLDS, Type.INT, 3, Range.atLeast(2), Importance.LOW,
          "Folds, by epoch, inside each fold's training epochs for choosing C and gamma.")
      .define(COSTS, Type.LIST, List.of("1", "10", "100"), TrainConfig::positiveNumbers, Importance.LOW,
          "SVM costs (C) to try.")
      .define(GAMMAS, Type.LIST, List.of("0.01", "0.05", "0.2"), TrainConfig::positiveNumbers, Importance.LOW,
          "RBF kernel widths (gamma) to try, for standardized features.")
      .define(SEED, Type.LONG, 1L, Importance.LOW, "Seed of the fold assignment and of LibSVM.")
      .define(BASELINE, Type.BOOLEAN, true, Importance.LOW,
          "Also score the prototype's four columns on the same held-out epochs, as a baseline (twlb run's live detector"
              + " skips it: it halves the training time).")
      .define(WINDOWS_BEFORE_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
          "Use only windows that start before this instant (ms since 1970); 0 uses all. twlb run --detect-after sets it"
              + " to the start of the first epoch it will score.")
      .define(MIN_PURITY, Type.DOUBLE, 0.6, Range.between(0.5, 1.0), Importance.MEDIUM,
          "Also train on the windows an assignment change cuts (transition_reason assignment-change, nothing else wrong"
              + " with them) whose label covers at least this share of them: a detector that names a fault once it"
              + " covers most of a window, not only all of it (early windows every 500 ms replayed on a recorded run:"
              + " a fault's median onset to the end of the window naming it 3.0 s -> 2.5 s, the clean windows'"
              + " held-out macro-F1 unchanged; bench/results/early-replay-500.txt). 1 trains on clean windows only."
              + " Held-out scores count clean windows only.")
      .define(SPACING_MS, Type.LONG, 1_000L, Range.atLeast(0), Importance.LOW,
          "Of each node's clean windows, learn from at most one every this many ms (0: all; windows cut by an"
              + " assignment change are all kept). Early windows every 500 ms share 2.5 s of their 3: every other one"
              + " adds little but doubles the rows, and an SVM's training time grows with their square (twlb run"
              + " --detect-after 6, 15 nodes: 6 minutes of training beside the running cluster with all of them).");

  public TrainConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public List<Path> dataDirs() {
    return getList(DATA_DIRS).stream().map(Path::of).toList();
  }

  public Path outDir() {
    return Path.of(getString(OUT_DIR));
  }

  public String modelName() {
    return getString(MODEL_NAME);
  }

  public int folds() {
    return getInt(FOLDS);
  }

  public int innerFolds() {
    return getInt(INNER_FOLDS);
  }

  public List<Double> costs() {
    return getList(COSTS).stream().map(Double::parseDouble).toList();
  }

  public List<Double> gammas() {
    return getList(GAMMAS).stream().map(Double::parseDouble).toList();
  }

  public boolean baseline() {
    return getBoolean(BASELINE);
  }

  public long windowsBeforeMs() {
    return getLong(WINDOWS_BEFORE_MS) == 0 ? Long.MAX_VALUE : getLong(WINDOWS_BEFORE_MS);
  }

  public long spacingMs() {
    return getLong(SPACING_MS);
  }

  public double minPurity() {
    return getDouble(MIN_PURITY);
  }

  public long seed() {
    return getLong(SEED);
  }

  /** The validator of a list of data directories: at least one. */
  public static void nonEmpty(String name, Object value) {
    if (value == null || ((List<?>) value).isEmpty()) {
      throw new ConfigException(name, value, "give at least one data directory");
    }
  }

  @SuppressWarnings("unchecked")
  private static void positiveNumbers(String name, Object value) {
    List<String> values = (List<String>) value;
    if (values.isEmpty()) {
      throw new ConfigException(name, value, "give at least one value");
    }
    for (String v : values) {
      try {
        if (!(Double.parseDouble(v) > 0)) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw new ConfigException(name, value, "'" + v + "' is not a number > 0");
      }
    }
  }
}
