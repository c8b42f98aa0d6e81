package dev.twlb.detector;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of {@code twlb evaluate}. */
public final class EvaluateConfig extends AbstractConfig {
  public static final String MODEL_FILE = DetectorConfig.MODEL_FILE;
  public static final String DATA_DIRS = TrainConfig.DATA_DIRS;
  public static final String OUT_DIR = "out.dir";
  public static final String WINDOWS_FROM_MS = "windows.from";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(MODEL_FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Model file written by twlb train.")
      .define(DATA_DIRS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, TrainConfig::nonEmpty, Importance.HIGH,
          "Data directories to score it on: another run, seed or setting than it was trained on (their parquet/ folders"
              + " are read; for a real-time model, the early/ directory of a twlb run).")
      .define(OUT_DIR, Type.STRING, "evaluation", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Where report.json and confusion.png go.")
      .define(WINDOWS_FROM_MS, Type.LONG, 0L, ConfigDef.Range.atLeast(0), Importance.LOW,
          "Score only windows that start at or after this instant (ms since 1970): the epochs a run's own detector"
              + " was not trained on (its detector/live.json says from when it scored). 0 scores all.");

  public EvaluateConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public Path modelFile() {
    return Path.of(getString(MODEL_FILE));
  }

  public List<Path> dataDirs() {
    return getList(DATA_DIRS).stream().map(Path::of).toList();
  }

  public long windowsFromMs() {
    return getLong(WINDOWS_FROM_MS);
  }

  public Path outDir() {
    return Path.of(getString(OUT_DIR));
  }
}
