package dev.twlb.app;

import java.util.Map;
import picocli.CommandLine.Option;

/** Where a subcommand that writes or reads Avro finds the schema registry. */
public final class RegistryOptions {

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      defaultValue = "${env:TWLB_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
      description = "Confluent-compatible schema registry (env TWLB_SCHEMA_REGISTRY_URL). Default: ${DEFAULT-VALUE}.")
  String schemaRegistryUrl;

  public Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", schemaRegistryUrl);
  }
}
