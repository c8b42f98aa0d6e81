package dev.twlb.traffic;

import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.schemas.http.Endpoints;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of the traffic generator. */
public final class TrafficConfig extends AbstractConfig {
  public static final String TARGET = "target";
  public static final String RATE = "rate";
  public static final String RATE_PER_NODE = "rate.per.node";
  public static final String NODES = "nodes";
  public static final String MAX_RATE = "max.rate";
  public static final String DURATION_MS = "duration.ms";
  public static final String MAX_IN_FLIGHT = "max.in.flight";
  public static final String TIMEOUT_MS = "timeout.ms";
  public static final String SEED = "seed";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(TARGET, Type.STRING, "http://localhost:" + Endpoints.BALANCER_PORT + Endpoints.PROCESS_PATH, TrafficConfig::validateUrl, Importance.HIGH,
          "URL every request goes to: the balancer's /process.")
      .define(RATE, Type.DOUBLE, null, TrafficConfig::validateRate, Importance.HIGH,
          "Mean arrivals per second in all (Poisson: exponential gaps, open loop). Unset: " + RATE_PER_NODE + " times "
              + NODES + ", up to " + MAX_RATE + ".")
      .define(RATE_PER_NODE, Type.DOUBLE, 3.4, Range.between(0.001, 100_000), Importance.HIGH,
          "Mean arrivals per second for each node when " + RATE + " is unset: the total follows the cluster, so a node's"
              + " window holds about as many requests at 500 nodes as at 15 (3.4 x 15 nodes = 51/s).")
      .define(NODES, Type.INT, NodeList.DEFAULT_NODES, Range.atLeast(1), Importance.MEDIUM,
          "How many nodes the balancer spreads the traffic over.")
      .define(MAX_RATE, Type.DOUBLE, 200.0, Range.between(0.001, 1_000_000), Importance.MEDIUM,
          "The most arrivals per second " + RATE_PER_NODE + " may add up to: what one 2-core machine serves with the"
              + " balancer and 500 nodes on it, without answers queueing (bench/README.md, hundreds of nodes: compose's"
              + " scale profile collapsed at 250/s). Above it the traffic is held there, and says so.")
      .define(DURATION_MS, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM, "How long to send; 0 means until stopped.")
      .define(MAX_IN_FLIGHT, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
          "Requests that may wait for an answer at once; arrivals beyond it are counted as dropped, never delayed.")
      .define(TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
          "How long the generator waits for the balancer's answer (the balancer has its own, shorter timeout).")
      .define(SEED, Type.LONG, 0L, Importance.LOW, "Seed of the arrival process; 0 picks one at random.");

  public TrafficConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  /** The nodes the traffic is for, which {@value #RATE_PER_NODE} multiplies. */
  public int nodes() {
    return getInt(NODES);
  }

  public URI target() {
    return URI.create(getString(TARGET));
  }

  /** The mean arrivals per second: {@value #RATE} when set, else {@value #RATE_PER_NODE} x nodes up to {@value #MAX_RATE}. */
  public double rate() {
    Double total = getDouble(RATE);
    return total != null ? total : Math.min(wantedRate(), getDouble(MAX_RATE));
  }

  /** What the per-node rate adds up to, before the cap. */
  private double wantedRate() {
    return getDouble(RATE_PER_NODE) * getInt(NODES);
  }

  /** Says how the rate was reached, and when the cap holds it below the per-node rate. */
  public String describeRate() {
    if (getDouble(RATE) != null) {
      return String.format(Locale.ROOT, "%.1f requests/s (%s)", rate(), RATE);
    }
    String perNode = String.format(Locale.ROOT, "%.1f requests/s (%s nodes x %s)", rate(), getInt(NODES), getDouble(RATE_PER_NODE));
    if (!capped()) {
      return perNode;
    }
    return String.format(Locale.ROOT, "%.1f requests/s, %.2f per node: %s nodes x %s would be %.0f/s, more than %s %.0f,"
        + " about what one machine serves", rate(), rate() / getInt(NODES), getInt(NODES), getDouble(RATE_PER_NODE),
        wantedRate(), MAX_RATE, getDouble(MAX_RATE));
  }

  /** Whether {@value #MAX_RATE} holds the rate below what the per-node rate asks for. */
  public boolean capped() {
    return getDouble(RATE) == null && wantedRate() > getDouble(MAX_RATE);
  }

  public Duration duration() {
    return Duration.ofMillis(getLong(DURATION_MS));
  }

  public int maxInFlight() {
    return getInt(MAX_IN_FLIGHT);
  }

  public long timeoutMs() {
    return getLong(TIMEOUT_MS);
  }

  public long seed() {
    return getLong(SEED);
  }

  /** Unset, or a rate {@code twlb traffic} can send. */
  private static void validateRate(String name, Object value) {
    if (value != null) {
      Range.between(0.001, 1_000_000).ensureValid(name, value);
    }
  }

  private static void validateUrl(String name, Object value) {
    try {
      URI url = URI.create((String) value);
      if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, value, "must be http://HOST:PORT/PATH");
    }
  }
}
