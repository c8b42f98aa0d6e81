package dev.twlb.detector;

import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of {@code twlb detect}. */
public final class DetectorConfig extends AbstractConfig {
  public static final String MODEL_FILE = "model.file";
  public static final String APPLICATION_ID = "application.id";
  public static final String INPUT_TOPIC = "input.topic";
  public static final String OUTPUT_TOPIC = "output.topic";
  public static final String CHECK_TOPIC = "check.topic";
  public static final String CONFIRMATIONS_TOPIC = "confirmations.topic";
  public static final String RECENT_WINDOWS = "recent.windows";
  public static final String STEADY_WINDOWS = "steady.windows";
  public static final String SCORE_FROM_MS = "score.from.ms";
  public static final String HOST = "host";
  public static final String PORT = "port";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(MODEL_FILE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Model file written by twlb train.")
      .define(APPLICATION_ID, Type.STRING, "twlb-detector", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Kafka Streams application id (consumer group and transactional id prefix).")
      .define(INPUT_TOPIC, Type.STRING, Topics.EARLY_WINDOWS.name(), new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "The windows to judge, each verdict published: the labeler's early windows (every half second, not labeled yet),"
              + " or labeled-metrics for verdicts on the final windows (a grace later) with their labels beside them.")
      .define(CHECK_TOPIC, Type.STRING, Topics.LABELED_EARLY_WINDOWS.name(), Importance.LOW,
          "The same windows labeled, scored again (nothing published) for the live accuracy and macro-F1 on /metrics;"
              + " empty for none (the input's own labels, if any, are used).")
      .define(CONFIRMATIONS_TOPIC, Type.STRING, Topics.FAULT_CONFIRMATIONS.name(), Importance.LOW,
          "The nodes' confirmations of the faults they applied: the onsets the verdicts' onset-to-verdict latency and"
              + " false alarms are measured against; empty for none.")
      .define(OUTPUT_TOPIC, Type.STRING, Topics.FAULT_DETECTIONS.name(), new ConfigDef.NonEmptyString(), Importance.LOW,
          "Where the verdicts go.")
      .define(STEADY_WINDOWS, Type.INT, 1, Range.between(1, 10), Importance.MEDIUM,
          "A node's verdict turns from benign to a fault only when the model called this many of its windows in a row"
              + " faulty, naming the latest window's fault, and back to benign after as many benign ones (until then it"
              + " keeps its previous one, published with score 0): fewer false alarms, a hop later. 1: every window's"
              + " own verdict (early windows every 500 ms replayed on recorded runs: no false alarm with 1 or with 2,"
              + " and a fault named up to half a second sooner with 1; bench/results/early-replay-500.txt).")
      .define(RECENT_WINDOWS, Type.INT, 500, Range.atLeast(1), Importance.LOW,
          "How many recent clean windows (not a transition, known label) the live accuracy and macro-F1 are measured over.")
      .define(SCORE_FROM_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
          "Score only windows that start at or after this instant (ms since 1970); 0 scores every window. twlb run"
              + " sets it to the first epoch it scores, so no window the model was trained on is counted live.")
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.LOW, "Interface of /metrics.")
      .define(PORT, Type.INT, 9404, ListenAddress.PORT, Importance.LOW, "Port of /metrics (0 = any free port).");

  public DetectorConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public Path modelFile() {
    return Path.of(getString(MODEL_FILE));
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  public String inputTopic() {
    return getString(INPUT_TOPIC);
  }

  public String outputTopic() {
    return getString(OUTPUT_TOPIC);
  }

  /** Empty when there is none. */
  public String checkTopic() {
    return getString(CHECK_TOPIC);
  }

  /** Empty when there is none. */
  public String confirmationsTopic() {
    return getString(CONFIRMATIONS_TOPIC);
  }

  public int steadyWindows() {
    return getInt(STEADY_WINDOWS);
  }

  public int recentWindows() {
    return getInt(RECENT_WINDOWS);
  }

  public long scoreFromMs() {
    return getLong(SCORE_FROM_MS);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }
}
