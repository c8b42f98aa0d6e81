package dev.twlb.app;

import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Mixin;

/** Kafka and schema-registry options together, for the services that publish or read Avro records. */
public final class ClientOptions {
  @Mixin
  KafkaOptions kafka;

  @Mixin
  RegistryOptions registry;

  /** Client properties with bootstrap servers, extra settings and the registry URL. */
  public Map<String, Object> all() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.putAll(registry.serdeConfig());
    return props;
  }
}
