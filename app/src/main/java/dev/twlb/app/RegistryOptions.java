package dev.twlb.app;

import java.util.Map;
import picocli.CommandLine.Option;

/** Where a subcommand that writes or reads Avro finds the schema registry. */
public final class RegistryOptions {

  @Option(names = "--schema-registry-url", paramLabel = "URL",
      descriptionKey = ServiceKeys.CLIENT + "schema.registry.url",
      description = "Confluent-compatible schema registry. Default: ${DEFAULT-VALUE}.")
  String schemaRegistryUrl;

  public Map<String, Object> serdeConfig() {
    return Map.of("schema.registry.url", schemaRegistryUrl);
  }
}
