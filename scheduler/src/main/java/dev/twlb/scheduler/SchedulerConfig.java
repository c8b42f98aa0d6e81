package dev.twlb.scheduler;

import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.FaultType;
import dev.twlb.scheduler.FaultMix;
import dev.twlb.scheduler.Intensities;
import dev.twlb.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the epoch scheduler. */
public final class SchedulerConfig extends AbstractConfig {
  public static final String SEED = "seed";
  public static final String RUN_ID = "run.id";
  public static final String EPOCHS = "epochs";
  public static final String EPOCH_DURATION_MS = "epoch.duration.ms";
  public static final String NODES = "nodes";
  public static final String FAULTY = "faulty";
  public static final String FAULTS = "faults";
  public static final String FAULT_DRAW = "fault.draw";
  public static final String INTENSITIES = "intensities";
  public static final String LEAD_MS = "lead.ms";
  public static final String START_DELAY_MS = "start.delay.ms";
  public static final String TOPIC = "topic";
  public static final String METRICS_HOST = "metrics.host";
  public static final String METRICS_PORT = "metrics.port";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(SEED, Type.LONG, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Seed of the random generator; the same seed replays the same plans.")
      .define(RUN_ID, Type.STRING, "", Importance.MEDIUM,
          "Id recorded on every assignment; empty means run-<seed>.")
      .define(EPOCHS, Type.LONG, 0L, Range.atLeast(0), Importance.HIGH, "Epochs to schedule; 0 means forever.")
      .define(EPOCH_DURATION_MS, Type.LONG, 60_000L, Range.atLeast(1_000), Importance.HIGH, "Length of one epoch.")
      .define(NODES, Type.INT, NodeList.DEFAULT_NODES, Range.atLeast(1), Importance.HIGH, "Number of nodes, named node-1 .. node-N.")
      .define(FAULTY, Type.INT, 3, Range.atLeast(0), Importance.HIGH, "Faulty nodes per epoch (at most nodes).")
      .define(FAULTS, Type.STRING, FaultMix.uniform().toString(), SchedulerConfig::validateMix, Importance.HIGH,
          "Faults a faulty node may get, with weights: name[=weight],... Known: " + dev.twlb.schemas.FaultType.knownNames())
      .define(FAULT_DRAW, Type.STRING, "deck", ConfigDef.ValidString.in("deck", "independent"), Importance.MEDIUM,
          "How faulty nodes get their fault: 'deck' deals the mix like shuffled cards (every type, by weight, before any"
              + " repeats: balanced classes in every run); 'independent' draws each by weight on its own.")
      .define(INTENSITIES, Type.LIST, List.of(), SchedulerConfig::validateIntensities, Importance.LOW,
          "Overrides of intensity ranges: FAULT.PARAM=MIN..MAX,...")
      .define(LEAD_MS, Type.LONG, 3_000L, Range.atLeast(2_000), Importance.LOW,
          "How far ahead of its start an epoch's assignments are published (at least 2 s).")
      .define(START_DELAY_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
          "How long after the scheduler starts its first epoch begins: time for a cluster started with it to warm up"
              + " (windows before the first epoch have no label).")
      .define(TOPIC, Type.STRING, Topics.FAULT_ASSIGNMENTS.name(), new ConfigDef.NonEmptyString(), Importance.LOW,
          "Topic the assignments are published to.")
      .define(METRICS_HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.LOW, "Interface of /metrics.")
      .define(METRICS_PORT, Type.INT, 9403, ListenAddress.PORT_OR_NONE, Importance.LOW,
          "Port of /metrics (twlb_fault_assignment{node,fault_type} for dashboards); -1 = none, 0 = any free port.");

  public SchedulerConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    if (faulty() > nodes()) {
      throw new ConfigException(FAULTY, faulty(), "cannot exceed " + NODES + " (" + nodes() + ")");
    }
  }

  public long seed() {
    return getLong(SEED);
  }

  public String runId() {
    String id = getString(RUN_ID);
    return id.isBlank() ? "run-" + seed() : id;
  }

  public long epochs() {
    return getLong(EPOCHS);
  }

  public Duration epochDuration() {
    return Duration.ofMillis(getLong(EPOCH_DURATION_MS));
  }

  public int nodes() {
    return getInt(NODES);
  }

  public int faulty() {
    return getInt(FAULTY);
  }

  public FaultMix faults() {
    return FaultMix.parse(getString(FAULTS));
  }

  public EpochPlanner.Draw faultDraw() {
    return EpochPlanner.Draw.valueOf(getString(FAULT_DRAW).toUpperCase(java.util.Locale.ROOT));
  }

  public Intensities intensities() {
    return Intensities.withOverrides(getList(INTENSITIES));
  }

  public Duration startDelay() {
    return Duration.ofMillis(getLong(START_DELAY_MS));
  }

  public Duration lead() {
    return Duration.ofMillis(getLong(LEAD_MS));
  }

  public String topic() {
    return getString(TOPIC);
  }

  private static void validateMix(String name, Object value) {
    try {
      FaultMix.parse((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static void validateIntensities(String name, Object value) {
    try {
      Intensities.withOverrides((List<String>) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }
}
