package dev.twlb.lb.balancer;

import dev.twlb.schemas.RequestTiming;
import dev.twlb.schemas.http.Endpoints;
import dev.twlb.schemas.Topics;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the load balancer. */
public final class LbConfig extends AbstractConfig {
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String TIMEOUT_MS = "timeout.ms";
  public static final String STRATEGY = "strategy";
  public static final String MAX_CONNECTIONS_PER_NODE = "max.connections.per.node";
  public static final String EVENTS_TOPIC = "events.topic";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(HOST, Type.STRING, "localhost", new ConfigDef.NonEmptyString(), Importance.MEDIUM, "Interface to listen on.")
      .define(PORT, Type.INT, Endpoints.BALANCER_PORT, Range.between(0, 65535), Importance.HIGH, "HTTP port (0 = any free port).")
      .define(TIMEOUT_MS, Type.LONG, RequestTiming.BALANCER_TIMEOUT_MS, Range.between(1, 600_000), Importance.HIGH,
          "Per-request timeout: a node that has not answered completely by then is recorded as TIMEOUT.")
      .define(STRATEGY, Type.STRING, Strategy.Name.ROUND_ROBIN.toString(), LbConfig::validateStrategy, Importance.HIGH,
          "How a node is picked: " + Strategy.Name.known() + ".")
      .define(MAX_CONNECTIONS_PER_NODE, Type.INT, 1_000, Range.atLeast(1), Importance.LOW,
          "Connections the balancer may hold open to one node (slow nodes hold many).")
      .define(EVENTS_TOPIC, Type.STRING, Topics.REQUEST_EVENTS.name(), new ConfigDef.NonEmptyString(), Importance.LOW,
          "Topic every request's RequestEvent is published to.");

  public LbConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }

  public long timeoutMs() {
    return getLong(TIMEOUT_MS);
  }

  public Strategy.Name strategy() {
    return Strategy.Name.of(getString(STRATEGY));
  }

  public int maxConnectionsPerNode() {
    return getInt(MAX_CONNECTIONS_PER_NODE);
  }

  public String eventsTopic() {
    return getString(EVENTS_TOPIC);
  }

  private static void validateStrategy(String name, Object value) {
    try {
      Strategy.Name.of((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }
}
