package dev.twlb.nodes.server;

import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of one backend node. */
public final class NodeConfig extends AbstractConfig {
  public static final String NODE_ID = "node.id";
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String WORK_MS = "work.ms";
  public static final String ASSIGNMENTS_TOPIC = "assignments.topic";
  public static final String REPORTS_TOPIC = "reports.topic";
  public static final String CONFIRMATIONS_TOPIC = "confirmations.topic";
  public static final String LOOKBACK_MS = "assignments.lookback.ms";
  public static final String STARTUP_WAIT_MS = "assignments.startup.wait.ms";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(NODE_ID, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "This node's id, e.g. node-3: the key of its records and of its assignments.")
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.MEDIUM, "Interface to listen on.")
      .define(PORT, Type.INT, 7001, ListenAddress.KNOWN_PORT, Importance.HIGH, "HTTP port.")
      .define(WORK_MS, Type.DOUBLE, 2.0, Range.between(0, 1000), Importance.MEDIUM,
          "CPU time one /process request costs, in milliseconds (calibrated at start).")
      .define(ASSIGNMENTS_TOPIC, Type.STRING, Topics.FAULT_ASSIGNMENTS.name(), new ConfigDef.NonEmptyString(),
          Importance.LOW, "Topic the node reads its fault assignments from.")
      .define(REPORTS_TOPIC, Type.STRING, Topics.NODE_REPORTS.name(), new ConfigDef.NonEmptyString(),
          Importance.LOW, "Topic the node publishes what it claims about each request to.")
      .define(CONFIRMATIONS_TOPIC, Type.STRING, Topics.FAULT_CONFIRMATIONS.name(), new ConfigDef.NonEmptyString(),
          Importance.LOW, "Topic the node confirms each assignment it put in force on, with since when: the evidence"
              + " a window's label needs.")
      .define(LOOKBACK_MS, Type.LONG, 3_600_000L, Range.atLeast(0), Importance.LOW,
          "How far back a starting node reads assignments, to find the one in force now.")
      .define(STARTUP_WAIT_MS, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
          "How long a starting node waits to have read its assignments before it serves anyway.");

  public NodeConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public String nodeId() {
    return getString(NODE_ID);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public double workMs() {
    return getDouble(WORK_MS);
  }

  public String assignmentsTopic() {
    return getString(ASSIGNMENTS_TOPIC);
  }

  public String reportsTopic() {
    return getString(REPORTS_TOPIC);
  }

  public String confirmationsTopic() {
    return getString(CONFIRMATIONS_TOPIC);
  }

  public Duration lookback() {
    return Duration.ofMillis(getLong(LOOKBACK_MS));
  }

  public Duration startupWait() {
    return Duration.ofMillis(getLong(STARTUP_WAIT_MS));
  }
}
