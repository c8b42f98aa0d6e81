package dev.twlb.detector.report;

import dev.twlb.detector.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of {@code twlb report}. */
public final class ReportConfig extends AbstractConfig {
  public static final String DATA_DIRS = "data.dirs";
  public static final String OUT_DIR = "out.dir";
  public static final String SAMPLE_PER_CLASS = "sample.per.class";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(DATA_DIRS, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, TrainConfig::nonEmpty, Importance.HIGH,
          "Data directories of twlb run or twlb sink; their Parquet files are read.")
      .define(OUT_DIR, Type.STRING, "", Importance.HIGH,
          "Where index.html, report.json and the pictures go; empty means a folder 'report' in the first data directory.")
      .define(SAMPLE_PER_CLASS, Type.INT, 5_000, Range.atLeast(10), Importance.LOW,
          "Clean windows per class drawn (uniformly) for the feature distributions.");

  public ReportConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public List<Path> dataDirs() {
    return getList(DATA_DIRS).stream().map(Path::of).toList();
  }

  public Path outDir() {
    String out = getString(OUT_DIR);
    return out.isBlank() ? dataDirs().get(0).resolve("report") : Path.of(out);
  }

  public int samplePerClass() {
    return getInt(SAMPLE_PER_CLASS);
  }
}
