package dev.twlb.bridge;

import dev.twlb.servicekit.ListenAddress;
import dev.twlb.schemas.kafka.TopicPublisher;
import dev.twlb.schemas.Topics;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the metrics bridge. */
public final class BridgeConfig extends AbstractConfig {
  public static final String INTERVAL_MS = "scrape.interval.ms";
  public static final String TIMEOUT_MS = "scrape.timeout.ms";
  public static final String TOPIC = "topic";
  public static final String HOST = "host";
  public static final String PORT = "port";
  public static final String PUBLISH_STALL_MS = "publish.stall.ms";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(INTERVAL_MS, Type.LONG, 2_000L, Range.atLeast(100), Importance.HIGH, "How often every node is scraped.")
      .define(TIMEOUT_MS, Type.LONG, 1_500L, Range.atLeast(10), Importance.MEDIUM,
          "How long one scrape may take before it counts as failed (up=false); must be below the interval.")
      .define(TOPIC, Type.STRING, Topics.NODE_METRICS.name(), new ConfigDef.NonEmptyString(), Importance.LOW,
          "Topic the samples are published to.")
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.LOW,
          "Interface of the bridge's own /metrics.")
      .define(PORT, Type.INT, 9400, ListenAddress.PORT, Importance.LOW,
          "Port of the bridge's own /metrics (0 = any free port).")
      .define(PUBLISH_STALL_MS, Type.LONG, TopicPublisher.DEFAULT_STALL_LIMIT.toMillis(), Range.atLeast(1_000), Importance.LOW,
          "How long every sample may fail to reach Kafka before the bridge stops with the error (a broker restart takes"
              + " seconds; samples older than the producer's delivery timeout are lost anyway).");

  public BridgeConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    if (timeout().compareTo(interval()) >= 0) {
      throw new ConfigException(TIMEOUT_MS, getLong(TIMEOUT_MS), "must be below " + INTERVAL_MS + " (" + getLong(INTERVAL_MS)
          + "), so a slow node never delays its next scrape");
    }
  }

  public Duration interval() {
    return Duration.ofMillis(getLong(INTERVAL_MS));
  }

  public Duration timeout() {
    return Duration.ofMillis(getLong(TIMEOUT_MS));
  }

  public Duration publishStallLimit() {
    return Duration.ofMillis(getLong(PUBLISH_STALL_MS));
  }

  public String topic() {
    return getString(TOPIC);
  }

  public String host() {
    return getString(HOST);
  }

  public int port() {
    return getInt(PORT);
  }
}
