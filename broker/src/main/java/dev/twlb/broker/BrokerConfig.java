package dev.twlb.broker;

import dev.twlb.servicekit.ListenAddress;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of the embedded single-node KRaft broker, in the style of Kafka's own config classes. */
public final class BrokerConfig extends AbstractConfig {

  public static final String DATA_DIR = "data.dir";
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String CONTROLLER_PORT = "controller.port";
  public static final String NUM_PARTITIONS = "num.partitions";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(DATA_DIR, Type.STRING, "./data/kafka", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Directory for the broker's logs and metadata. Formatted on first start, reused afterwards.")
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.MEDIUM,
          "Host name the broker binds to and advertises to clients.")
      .define(PORT, Type.INT, 9092, ListenAddress.PORT, Importance.HIGH,
          "Client port. 0 picks a free port.")
      .define(CONTROLLER_PORT, Type.INT, 0, ListenAddress.PORT, Importance.LOW,
          "KRaft controller port, only used inside the process. 0 picks a free port.")
      .define(NUM_PARTITIONS, Type.INT, 3, Range.atLeast(1), Importance.LOW,
          "Partitions of topics that are auto-created.");

  public BrokerConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public Path dataDir() {
    return Path.of(getString(DATA_DIR));
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public int controllerPort() {
    return getInt(CONTROLLER_PORT);
  }

  public int numPartitions() {
    return getInt(NUM_PARTITIONS);
  }
}
