package dev.twlb.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaParseException;

/**
 * The registry's rules over its state: global ids shared by equal schemas, per-subject versions,
 * backward compatibility against the latest version (Confluent's default). Persistence is given
 * from outside: {@code append} must durably store a record before it counts.
 */
public final class SchemaStore {
  private final Consumer<SchemaRecord> append;
  private final Map<Integer, String> schemaById = new HashMap<>();
  private final Map<String, Integer> idByCanonical = new HashMap<>();
  private final Map<String, List<SchemaRecord>> versionsBySubject = new TreeMap<>();

  public SchemaStore(Consumer<SchemaRecord> append) {
    this.append = append;
  }

  /** Applies a record read back from storage (or just written). Replaying the log rebuilds the state. */
  public synchronized void apply(SchemaRecord stored) {
    SchemaRecord record = new SchemaRecord(stored.subject(), stored.version(), stored.id(), canonical(stored.schema()));
    List<SchemaRecord> versions = versionsBySubject.computeIfAbsent(record.subject(), s -> new ArrayList<>());
    if (versions.stream().anyMatch(v -> v.version() == record.version())) {
      return;
    }
    versions.add(record);
    versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
    schemaById.putIfAbsent(record.id(), record.schema());
    idByCanonical.putIfAbsent(record.schema(), record.id());
  }

  /** Registers {@code schemaText} under {@code subject}; the same schema again returns the same id. */
  public synchronized int register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String canonical = schema.toString();
    Optional<SchemaRecord> existing = find(subject, canonical);
    if (existing.isPresent()) {
      return existing.get().id();
    }
    List<SchemaRecord> versions = versionsBySubject.getOrDefault(subject, List.of());
    if (!versions.isEmpty()) {
      Schema latest = parse(versions.get(versions.size() - 1).schema());
      var result = SchemaCompatibility.checkReaderWriterCompatibility(schema, latest);
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        throw RegistryError.incompatible(subject, result.getResult().getIncompatibilities().toString());
      }
    }
    int id = idByCanonical.getOrDefault(canonical, nextId());
    int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
    SchemaRecord record = new SchemaRecord(subject, version, id, canonical);
    append.accept(record);
    apply(record);
    return id;
  }

  /** The version of {@code subject} that holds {@code schemaText}. */
  public synchronized SchemaRecord lookup(String subject, String schemaText) {
    String canonical = parse(schemaText).toString();
    if (!versionsBySubject.containsKey(subject)) {
      throw RegistryError.subjectNotFound(subject);
    }
    return find(subject, canonical).orElseThrow(RegistryError::schemaNotFound);
  }

  public synchronized String schemaById(int id) {
    String schema = schemaById.get(id);
    if (schema == null) {
      throw RegistryError.schemaIdNotFound(id);
    }
    return schema;
  }

  public synchronized List<String> subjects() {
    return List.copyOf(versionsBySubject.keySet());
  }

  public synchronized List<Integer> versions(String subject) {
    return versionsOf(subject).stream().map(SchemaRecord::version).toList();
  }

  /** A version of {@code subject}: a number from 1, or "latest" (also -1, as Confluent accepts). */
  public synchronized SchemaRecord version(String subject, String version) {
    List<SchemaRecord> versions = versionsOf(subject);
    if (version.equals("latest") || version.equals("-1")) {
      return versions.get(versions.size() - 1);
    }
    int number;
    try {
      number = Integer.parseInt(version);
    } catch (NumberFormatException e) {
      throw RegistryError.invalidVersion(version);
    }
    if (number < 1) {
      throw RegistryError.invalidVersion(version);
    }
    return versions.stream().filter(v -> v.version() == number).findFirst()
        .orElseThrow(() -> RegistryError.versionNotFound(number));
  }

  private List<SchemaRecord> versionsOf(String subject) {
    List<SchemaRecord> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw RegistryError.subjectNotFound(subject);
    }
    return versions;
  }

  private Optional<SchemaRecord> find(String subject, String canonical) {
    return versionsBySubject.getOrDefault(subject, List.of()).stream()
        .filter(v -> v.schema().equals(canonical))
        .findFirst();
  }

  private int nextId() {
    return schemaById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
  }

  private static String canonical(String schemaText) {
    return parse(schemaText).toString();
  }

  private static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw RegistryError.invalidSchema("the request has no schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw RegistryError.invalidSchema(e.getMessage());
    }
  }
}
