package dev.twlb.lb.balancer;

import dev.twlb.servicekit.ListenAddress;
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
  public static final String RETRIES = "retries";
  public static final String TRY_TIMEOUT_MS = "try.timeout.ms";
  public static final String DETECTIONS_TOPIC = "detections.topic";
  public static final String OUTLIER = "outlier.";
  public static final String CONSECUTIVE_5XX = OUTLIER + "consecutive.5xx";
  public static final String INTERVAL_MS = OUTLIER + "interval.ms";
  public static final String BASE_EJECTION_MS = OUTLIER + "base.ejection.ms";
  public static final String MAX_EJECTION_MS = OUTLIER + "max.ejection.ms";
  public static final String MAX_EJECTION_PERCENT = OUTLIER + "max.ejection.percent";
  public static final String STDEV_FACTOR = OUTLIER + "success.rate.stdev.factor";
  public static final String SUCCESS_RATE_MINIMUM_HOSTS = OUTLIER + "success.rate.minimum.hosts";
  public static final String SUCCESS_RATE_REQUEST_VOLUME = OUTLIER + "success.rate.request.volume";
  public static final String FAILURE_PERCENTAGE_THRESHOLD = OUTLIER + "failure.percentage.threshold";
  public static final String ENFORCING_FAILURE_PERCENTAGE = OUTLIER + "enforcing.failure.percentage";
  public static final String FAILURE_PERCENTAGE_MINIMUM_HOSTS = OUTLIER + "failure.percentage.minimum.hosts";
  public static final String FAILURE_PERCENTAGE_REQUEST_VOLUME = OUTLIER + "failure.percentage.request.volume";
  private static final OutlierEjection.Settings ENVOY = OutlierEjection.Settings.ENVOY;

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(HOST, Type.STRING, "localhost", ListenAddress.HOST, Importance.MEDIUM, "Interface to listen on.")
      .define(PORT, Type.INT, Endpoints.BALANCER_PORT, ListenAddress.PORT, Importance.HIGH, "HTTP port (0 = any free port).")
      .define(TIMEOUT_MS, Type.LONG, RequestTiming.BALANCER_TIMEOUT_MS, Range.between(1, 600_000), Importance.HIGH,
          "Per-request timeout: a node that has not answered completely by then is recorded as TIMEOUT.")
      .define(STRATEGY, Type.STRING, Strategy.Name.ROUND_ROBIN.toString(), LbConfig::validateStrategy, Importance.HIGH,
          "How a node is picked: " + Strategy.Name.known() + ".")
      .define(MAX_CONNECTIONS_PER_NODE, Type.INT, 1_000, Range.atLeast(1), Importance.LOW,
          "Connections the balancer may hold open to one node (slow nodes hold many).")
      .define(EVENTS_TOPIC, Type.STRING, Topics.REQUEST_EVENTS.name(), new ConfigDef.NonEmptyString(), Importance.LOW,
          "Topic every request's RequestEvent is published to.")
      .define(RETRIES, Type.INT, 0, Range.between(0, 3), Importance.MEDIUM,
          "Tries of a failed attempt on another node (where the strategy can choose one) while the request's timeout "
              + "has time left; each is a RequestEvent marked RETRY.")
      .define(TRY_TIMEOUT_MS, Type.LONG, 0L, Range.atLeast(0), Importance.LOW,
          "Timeout of one attempt when retries are on (0: the whole request timeout), so a hung node leaves time to retry.")
      .define(DETECTIONS_TOPIC, Type.STRING, "", Importance.MEDIUM,
          "trust-weighted only: also take the detector's verdicts from this topic (e.g. fault-detections; empty: none).")
      .define(CONSECUTIVE_5XX, Type.INT, ENVOY.consecutive5xx(), Range.atLeast(1), Importance.LOW,
          "outlier-ejection: failures in a row (5xx, timeouts, refused connections, resets) that eject a node at once.")
      .define(INTERVAL_MS, Type.LONG, ENVOY.intervalNanos() / 1_000_000, Range.atLeast(1), Importance.LOW,
          "outlier-ejection: how often the success-rate and failure-percentage rules run.")
      .define(BASE_EJECTION_MS, Type.LONG, ENVOY.baseEjectionNanos() / 1_000_000, Range.atLeast(1), Importance.LOW,
          "outlier-ejection: an ejection lasts this times the times the node was ejected.")
      .define(MAX_EJECTION_MS, Type.LONG, ENVOY.maxEjectionNanos() / 1_000_000, Range.atLeast(1), Importance.LOW,
          "outlier-ejection: the longest ejection.")
      .define(MAX_EJECTION_PERCENT, Type.INT, ENVOY.maxEjectionPercent(), Range.between(0, 100), Importance.LOW,
          "outlier-ejection: most nodes out at once, % (at least one may be).")
      .define(STDEV_FACTOR, Type.DOUBLE, ENVOY.stdevFactor(), Range.atLeast(0), Importance.LOW,
          "outlier-ejection: a node whose success rate is below mean - this x stdev is ejected.")
      .define(SUCCESS_RATE_MINIMUM_HOSTS, Type.INT, ENVOY.successRateMinimumHosts(), Range.atLeast(1), Importance.LOW,
          "outlier-ejection: the success-rate rule runs only when this many nodes have enough requests.")
      .define(SUCCESS_RATE_REQUEST_VOLUME, Type.INT, ENVOY.successRateRequestVolume(), Range.atLeast(1), Importance.LOW,
          "outlier-ejection: requests a node needs in an interval to count for the success-rate rule.")
      .define(FAILURE_PERCENTAGE_THRESHOLD, Type.INT, ENVOY.failurePercentageThreshold(), Range.between(0, 100), Importance.LOW,
          "outlier-ejection: a node whose failures in an interval reach this % is ejected (when enforced).")
      .define(ENFORCING_FAILURE_PERCENTAGE, Type.INT, ENVOY.enforcingFailurePercentage(), Range.between(0, 100), Importance.LOW,
          "outlier-ejection: chance, %, that the failure-percentage rule ejects a node it finds (Envoy: 0, off).")
      .define(FAILURE_PERCENTAGE_MINIMUM_HOSTS, Type.INT, ENVOY.failurePercentageMinimumHosts(), Range.atLeast(1), Importance.LOW,
          "outlier-ejection: the failure-percentage rule runs only when this many nodes have enough requests.")
      .define(FAILURE_PERCENTAGE_REQUEST_VOLUME, Type.INT, ENVOY.failurePercentageRequestVolume(), Range.atLeast(1), Importance.LOW,
          "outlier-ejection: requests a node needs in an interval to count for the failure-percentage rule.");

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

  public int retries() {
    return getInt(RETRIES);
  }

  /** The timeout of one attempt. */
  public long tryTimeoutMs() {
    long tryTimeout = getLong(TRY_TIMEOUT_MS);
    return tryTimeout == 0 ? timeoutMs() : Math.min(tryTimeout, timeoutMs());
  }

  /** The topic of the detector's verdicts, or null when the balancer takes none. */
  public String detectionsTopic() {
    String topic = getString(DETECTIONS_TOPIC);
    return topic.isBlank() ? null : topic;
  }

  OutlierEjection.Settings outlierSettings() {
    return new OutlierEjection.Settings(getInt(CONSECUTIVE_5XX), getLong(INTERVAL_MS) * 1_000_000,
        getLong(BASE_EJECTION_MS) * 1_000_000, getLong(MAX_EJECTION_MS) * 1_000_000, getInt(MAX_EJECTION_PERCENT),
        getDouble(STDEV_FACTOR), getInt(SUCCESS_RATE_MINIMUM_HOSTS), getInt(SUCCESS_RATE_REQUEST_VOLUME),
        getInt(FAILURE_PERCENTAGE_THRESHOLD), getInt(ENFORCING_FAILURE_PERCENTAGE), getInt(FAILURE_PERCENTAGE_MINIMUM_HOSTS),
        getInt(FAILURE_PERCENTAGE_REQUEST_VOLUME));
  }

  private static void validateStrategy(String name, Object value) {
    try {
      Strategy.Name.of((String) value);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, e.getMessage());
    }
  }
}
