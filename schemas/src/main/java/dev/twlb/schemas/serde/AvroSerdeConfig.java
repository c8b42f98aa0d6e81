package dev.twlb.schemas.serde;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Settings of {@link AvroSerde}; the key names are Confluent's, so the same client properties work with both. */
public final class AvroSerdeConfig extends AbstractConfig {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  public static final ConfigDef CONFIG = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, AvroSerdeConfig::validateUrls, Importance.HIGH,
          "Comma-separated base URLs of a Confluent-compatible schema registry, e.g. http://localhost:8081; "
              + "mock://SCOPE is an in-memory registry for unit tests.")
      .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
          "Register the writer's schema under <topic>-value (or -key) on first use. When false the schema must already be registered.")
      .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Timeout of one HTTP request to the schema registry, in milliseconds.");

  public AvroSerdeConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
  }

  public List<String> registryUrls() {
    return getList(SCHEMA_REGISTRY_URL);
  }

  public boolean autoRegister() {
    return getBoolean(AUTO_REGISTER_SCHEMAS);
  }

  public int requestTimeoutMs() {
    return getInt(REQUEST_TIMEOUT_MS);
  }

  private static void validateUrls(String name, Object value) {
    @SuppressWarnings("unchecked")
    List<String> urls = (List<String>) value;
    if (urls == null || urls.isEmpty()) {
      throw new ConfigException(name, value, "at least one schema registry URL is needed");
    }
    for (String url : urls) {
      if (!url.startsWith("http://") && !url.startsWith("https://") && !url.startsWith("mock://")) {
        throw new ConfigException(name, url, "a schema registry URL starts with http:// or https:// (mock:// in tests)");
      }
    }
  }
}
