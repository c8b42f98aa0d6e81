package dev.twlb.schemas.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/** The registry of {@code mock://} URLs: ids in memory, for tests that run without a registry server. */
final class InMemorySchemaRegistry implements SchemaRegistryClient {
  static final String SCHEME = "mock://";

  private final Map<Schema, Integer> ids = new HashMap<>();
  private final Map<Integer, Schema> schemas = new HashMap<>();
  private final Map<String, Map<Schema, Integer>> subjects = new HashMap<>();

  @Override
  public synchronized int register(String subject, Schema schema) {
    int id = ids.computeIfAbsent(schema, s -> ids.size() + 1);
    schemas.put(id, schema);
    subjects.computeIfAbsent(subject, s -> new HashMap<>()).put(schema, id);
    return id;
  }

  @Override
  public synchronized int lookup(String subject, Schema schema) {
    Integer id = subjects.getOrDefault(subject, Map.of()).get(schema);
    if (id == null) {
      throw new RegistryException(404, 40403, "Schema not found");
    }
    return id;
  }

  @Override
  public synchronized Schema schemaById(int id) {
    Schema schema = schemas.get(id);
    if (schema == null) {
      throw new RegistryException(404, 40403, "Schema " + id + " not found");
    }
    return schema;
  }
}
