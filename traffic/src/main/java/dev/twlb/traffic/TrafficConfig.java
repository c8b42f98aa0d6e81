package dev.twlb.traffic;

import dev.twlb.schemas.http.Endpoints;
import java.net.URI;
import java.time.Duration;
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
  public static final String DURATION_MS = "duration.ms";
  public static final String MAX_IN_FLIGHT = "max.in.flight";
  public static final String TIMEOUT_MS = "timeout.ms";
  public static final String SEED = "seed";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(TARGET, Type.STRING, "http://localhost:" + Endpoints.BALANCER_PORT + Endpoints.PROCESS_PATH, TrafficConfig::validateUrl, Importance.HIGH,
          "URL every request goes to: the balancer's /process.")
      .define(RATE, Type.DOUBLE, 50.0, Range.between(0.001, 1_000_000), Importance.HIGH,
          "Mean arrivals per second (Poisson: exponential gaps, open loop).")
      .define(DURATION_MS, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM, "How long to send; 0 means until stopped.")
      .define(MAX_IN_FLIGHT, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
          "Requests that may wait for an answer at once; arrivals beyond it are counted as dropped, never delayed.")
      .define(TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
          "How long the generator waits for the balancer's answer (the balancer has its own, shorter timeout).")
      .define(SEED, Type.LONG, 0L, Importance.LOW, "Seed of the arrival process; 0 picks one at random.");

  public TrafficConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public URI target() {
    return URI.create(getString(TARGET));
  }

  public double rate() {
    return getDouble(RATE);
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
