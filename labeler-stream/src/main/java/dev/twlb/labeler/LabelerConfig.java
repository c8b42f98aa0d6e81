package dev.twlb.labeler;

import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.RequestTiming;
import dev.twlb.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of the labeler; Kafka Streams' own settings are passed beside these. */
public final class LabelerConfig extends AbstractConfig {
  public static final String APPLICATION_ID = "application.id";
  public static final String WINDOW_MS = "window.ms";
  public static final String GRACE_MS = "grace.ms";
  public static final String HISTORY_MS = "assignments.history.ms";
  public static final String REQUEST_EVENTS_TOPIC = "request.events.topic";
  public static final String NODE_REPORTS_TOPIC = "node.reports.topic";
  public static final String NODE_METRICS_TOPIC = "node.metrics.topic";
  public static final String ASSIGNMENTS_TOPIC = "assignments.topic";
  public static final String CONFIRMATIONS_TOPIC = "confirmations.topic";
  public static final String OUTPUT_TOPIC = "output.topic";
  public static final String DLQ_TOPIC = "dlq.topic";
  public static final String EARLY_WINDOW_MS = "early.window.ms";
  public static final String EARLY_HOP_MS = "early.hop.ms";
  public static final String EARLY_TOPIC = "early.topic";
  public static final String LABELED_EARLY_TOPIC = "labeled.early.topic";
  public static final String UNLABELED_WINDOWS = "unlabeled.windows";
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String STATE_DIR = "state.dir";
  public static final String INSTANCE_ID = "group.instance.id";
  public static final String STREAM_THREADS = "stream.threads";
  /** The keys of the topics the labeler reads. */
  public static final List<String> INPUT_TOPICS = List.of(REQUEST_EVENTS_TOPIC, NODE_REPORTS_TOPIC, NODE_METRICS_TOPIC, ASSIGNMENTS_TOPIC, CONFIRMATIONS_TOPIC);

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(APPLICATION_ID, Type.STRING, "twlb-labeler", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Kafka Streams application id: consumer group, state and internal topic prefix.")
      .define(WINDOW_MS, Type.LONG, 5_000L, Range.atLeast(100), Importance.HIGH, "Length of the tumbling windows.")
      .define(GRACE_MS, Type.LONG, RequestTiming.WINDOW_GRACE_MS, Range.atLeast(0), Importance.HIGH,
          "How long after its end a window still takes late records; default the balancer's timeout + 1 s.")
      .define(UNLABELED_WINDOWS, Type.STRING, "keep", ConfigDef.ValidString.in("keep", "drop"), Importance.MEDIUM,
          "What to do with a window no assignment covers at any moment: 'keep' writes it labeled unknown (a labeler"
              + " running without a scheduler still yields features); 'drop' leaves it out (twlb run: such windows are"
              + " only the scrapes of a shutdown).")
      .define(HISTORY_MS, Type.LONG, Duration.ofDays(1).toMillis(), Range.atLeast(60_000), Importance.LOW,
          "How long past assignments and confirmations are kept for looking up labels by time.")
      .define(REQUEST_EVENTS_TOPIC, Type.STRING, Topics.REQUEST_EVENTS.name(), Importance.LOW, "Input: request events.")
      .define(NODE_REPORTS_TOPIC, Type.STRING, Topics.NODE_REPORTS.name(), Importance.LOW, "Input: node reports.")
      .define(NODE_METRICS_TOPIC, Type.STRING, Topics.NODE_METRICS.name(), Importance.LOW, "Input: node metric samples.")
      .define(ASSIGNMENTS_TOPIC, Type.STRING, Topics.FAULT_ASSIGNMENTS.name(), Importance.LOW, "Input: fault assignments.")
      .define(CONFIRMATIONS_TOPIC, Type.STRING, Topics.FAULT_CONFIRMATIONS.name(), Importance.LOW,
          "Input: the nodes' confirmations of the assignments they applied. A window is a clean example of its label"
              + " only where they cover it; elsewhere it is marked fault-not-applied.")
      .define(OUTPUT_TOPIC, Type.STRING, Topics.LABELED_METRICS.name(), Importance.LOW, "Output: labeled windows.")
      .define(EARLY_WINDOW_MS, Type.LONG, 3_000L, Range.atLeast(0), Importance.HIGH,
          "Length of the early windows: every early.hop.ms each node's last early.window.ms of observations, as they"
              + " stand then, goes out at once on early.topic (for a real-time detector), and the same row labeled once"
              + " the grace has passed on labeled.early.topic (what such a detector is trained on). 0 turns them off.")
      .define(EARLY_HOP_MS, Type.LONG, 500L, Range.atLeast(100), Importance.MEDIUM,
          "How often the early windows go out (by stream time, on whole multiples of it). A fault shows in the first"
              + " window it covers most of, so a verdict comes up to one hop after that; each node sends a row per hop.")
      .define(EARLY_TOPIC, Type.STRING, Topics.EARLY_WINDOWS.name(), Importance.LOW,
          "Output: early windows, not labeled yet (fault_type unknown).")
      .define(LABELED_EARLY_TOPIC, Type.STRING, Topics.LABELED_EARLY_WINDOWS.name(), Importance.LOW,
          "Output: early windows labeled like the windows of output.topic.")
      .define(DLQ_TOPIC, Type.STRING, Topics.LABELER_DLQ, Importance.LOW, "Where unusable input records go, with headers saying why.")
      .define(STATE_DIR, Type.STRING, "./data/labeler-state", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Where the window and assignment stores live (restored from their changelogs when lost).")
      .define(INSTANCE_ID, Type.STRING, "", Importance.MEDIUM,
          "Static group membership: a labeler restarted with the same id takes its partitions (and state) back at once."
              + " Empty: an id derived from the host and the state directory, the same at every restart; 'dynamic':"
              + " dynamic membership. Unique per instance.")
      .define(STREAM_THREADS, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
          "Kafka Streams threads. Each works on its share of the input partitions (one task per partition number), so"
              + " a second one speeds up catching up on a backlog (re-labeling) on a machine with a core to spare.")
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.LOW, "Interface of the labeler's /metrics.")
      .define(PORT, Type.INT, 9401, ListenAddress.PORT, Importance.LOW, "Port of the labeler's /metrics (0 = any free port).");

  public LabelerConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public String applicationId() {
    return getString(APPLICATION_ID);
  }

  public Duration window() {
    return Duration.ofMillis(getLong(WINDOW_MS));
  }

  public int streamThreads() {
    return getInt(STREAM_THREADS);
  }

  /** Zero when early windows are off. */
  public Duration earlyWindow() {
    return Duration.ofMillis(getLong(EARLY_WINDOW_MS));
  }

  public Duration earlyHop() {
    return Duration.ofMillis(getLong(EARLY_HOP_MS));
  }

  public Duration grace() {
    return Duration.ofMillis(getLong(GRACE_MS));
  }

  public Path stateDir() {
    return Path.of(getString(STATE_DIR));
  }

  public String instanceId() {
    return getString(INSTANCE_ID);
  }

  public Duration history() {
    return Duration.ofMillis(getLong(HISTORY_MS));
  }

  public boolean dropUnlabeledWindows() {
    return getString(UNLABELED_WINDOWS).equals("drop");
  }

  public String topic(String key) {
    return getString(key);
  }

  /** The names of the topics the labeler reads, as configured. */
  public List<String> inputTopics() {
    return INPUT_TOPICS.stream().map(this::getString).toList();
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }
}
