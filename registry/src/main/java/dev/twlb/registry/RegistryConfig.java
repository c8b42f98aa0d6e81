package dev.twlb.registry;

import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Settings of the embedded schema registry; key names follow Confluent's registry where one exists. */
public final class RegistryConfig extends AbstractConfig {

  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String BOOTSTRAP_SERVERS = "kafkastore.bootstrap.servers";
  public static final String TOPIC = "kafkastore.topic";
  public static final String TIMEOUT_MS = "kafkastore.timeout.ms";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.MEDIUM,
          "Interface the HTTP API binds to (0.0.0.0 for all).")
      .define(PORT, Type.INT, 8081, ListenAddress.PORT, Importance.HIGH,
          "HTTP port of the API. 0 picks a free port.")
      .define(BOOTSTRAP_SERVERS, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Kafka cluster that stores the schemas.")
      .define(TOPIC, Type.STRING, Topics.SCHEMAS, new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Compacted topic holding every registered schema; created on first start.")
      .define(TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(100), Importance.LOW,
          "How long a write to, or a catch-up read of, the schemas topic may take.");

  public RegistryConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public String bootstrapServers() {
    return getString(BOOTSTRAP_SERVERS);
  }

  public String topic() {
    return getString(TOPIC);
  }

  public int timeoutMs() {
    return getInt(TIMEOUT_MS);
  }
}
