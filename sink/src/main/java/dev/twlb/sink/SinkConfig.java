package dev.twlb.sink;

import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** Settings of the sink. */
public final class SinkConfig extends AbstractConfig {
  public static final String DATA_DIR = "data.dir";
  public static final String TOPIC = "topic";
  public static final String GROUP_ID = "group.id";
  public static final String INSTANCE_ID = "group.instance.id";
  public static final String ROTATE_RECORDS = "rotate.records";
  public static final String ROTATE_INTERVAL_MS = "rotate.interval.ms";
  public static final String PARQUET_CODEC = "parquet.codec";
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String COMPACT_AFTER_MS = "compact.after.ms";

  /** Codecs that work without native Hadoop libraries. */
  static final String[] CODECS = {"UNCOMPRESSED", "SNAPPY", "GZIP", "ZSTD", "LZ4_RAW"};

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(DATA_DIR, Type.STRING, "./data", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Root of the dataset: parquet/ and csv/ trees below it.")
      .define(TOPIC, Type.STRING, Topics.LABELED_METRICS.name(), new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Topic of labeled windows to write.")
      .define(GROUP_ID, Type.STRING, "twlb-sink", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Consumer group; more sink instances in the group share the partitions.")
      .define(INSTANCE_ID, Type.STRING, "", Importance.MEDIUM,
          "Static group membership: a sink restarted with the same id takes its partitions back at once, instead of"
              + " waiting for the group to notice the old one is gone. Empty: an id derived from the host and the data"
              + " directory, the same at every restart; 'dynamic': dynamic membership. Unique per instance.")
      .define(ROTATE_RECORDS, Type.INT, 10_000, Range.atLeast(1), Importance.HIGH,
          "A partition's files are finished after this many rows...")
      .define(ROTATE_INTERVAL_MS, Type.LONG, 30_000L, Range.atLeast(100), Importance.HIGH,
          "...or this long after their first row, whichever comes first, so files appear even when traffic is low."
              + " A partition's first file after the sink gets it is finished within half a second, so new data shows at once.")
      .define(PARQUET_CODEC, Type.STRING, "SNAPPY", ConfigDef.ValidString.in(CODECS), Importance.LOW,
          "Parquet compression: " + String.join(", ", CODECS) + ".")
      .define(COMPACT_AFTER_MS, Type.LONG, 900_000L, Range.atLeast(0), Importance.MEDIUM,
          "How long after an hour ends its files are merged into one file per format and partition (the hour is"
              + " closed: late rows are rare by then, and a late one just adds a file); 0: never merge.")
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.LOW, "Interface of the sink's /metrics.")
      .define(PORT, Type.INT, 9402, ListenAddress.PORT, Importance.LOW, "Port of the sink's /metrics (0 = any free port).");

  public SinkConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public Path dataDir() {
    return Path.of(getString(DATA_DIR));
  }

  public String topic() {
    return getString(TOPIC);
  }

  public String groupId() {
    return getString(GROUP_ID);
  }

  public String instanceId() {
    return getString(INSTANCE_ID);
  }

  public int rotateRecords() {
    return getInt(ROTATE_RECORDS);
  }

  public Duration rotateInterval() {
    return Duration.ofMillis(getLong(ROTATE_INTERVAL_MS));
  }

  public CompressionCodecName parquetCodec() {
    return CompressionCodecName.valueOf(getString(PARQUET_CODEC));
  }

  /** How long after an hour ends it counts as closed and its files are merged; zero: never. */
  public Duration compactAfter() {
    return Duration.ofMillis(getLong(COMPACT_AFTER_MS));
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }
}
