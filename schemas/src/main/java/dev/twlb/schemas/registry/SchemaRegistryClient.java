package dev.twlb.schemas.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * What a serializer needs from a schema registry. {@code http(s)://} URLs reach a real,
 * Confluent-compatible registry; {@code mock://SCOPE} is an in-memory registry for unit tests
 * (as Confluent's serializers offer), shared by every serde of the process that names the same scope.
 */
public interface SchemaRegistryClient {

  /** Registers {@code schema} under {@code subject} (idempotent) and returns its global id. */
  int register(String subject, Schema schema);

  /** The id of {@code schema} if it is already registered under {@code subject}; never registers. */
  int lookup(String subject, Schema schema);

  /** The schema with global id {@code id}. */
  Schema schemaById(int id);

  /** The client shared by every serde of this process that talks to the same registry. */
  static SchemaRegistryClient shared(List<String> urls, Duration timeout) {
    return Shared.CLIENTS.computeIfAbsent(List.copyOf(urls), u -> u.get(0).startsWith(InMemorySchemaRegistry.SCHEME)
        ? new InMemorySchemaRegistry() : new HttpSchemaRegistry(u, timeout));
  }

  /** Holder of the shared clients. */
  final class Shared {
    private static final Map<List<String>, SchemaRegistryClient> CLIENTS = new ConcurrentHashMap<>();

    private Shared() {}
  }
}
