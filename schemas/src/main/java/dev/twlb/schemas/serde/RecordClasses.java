package dev.twlb.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.twlb.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/** What the serializer and deserializer both need: the record's schema and data model, and the registry client. */
public final class RecordClasses {
  private static final String JAVA_STRING_PROPERTY = "avro.java.string";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TRUSTED = new HashSet<>();

  private RecordClasses() {}

  static SpecificData dataOf(Class<? extends SpecificRecord> recordClass) {
    return SpecificData.getForClass(recordClass);
  }

  /**
   * Lets Avro instantiate the generated classes of {@code recordClass} (the record and its nested
   * records and enums) when it reads. Avro 1.12 refuses to create classes it was not told to trust;
   * adding exactly ours keeps that protection for every other class.
   */
  public static synchronized void trust(Class<? extends SpecificRecord> recordClass) {
    ClassSecurityValidator.Builder ours = ClassSecurityValidator.builder();
    boolean added = false;
    for (String name : namedTypes(schemaOf(recordClass), new HashSet<>())) {
      if (TRUSTED.add(name)) {
        ours.add(name);
        added = true;
      }
    }
    if (added) {
      ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(), ours.build()));
    }
  }

  private static Set<String> namedTypes(Schema schema, Set<String> found) {
    switch (schema.getType()) {
      case RECORD -> {
        if (found.add(schema.getFullName())) {
          schema.getFields().forEach(f -> namedTypes(f.schema(), found));
        }
      }
      case ENUM, FIXED -> found.add(schema.getFullName());
      case ARRAY -> namedTypes(schema.getElementType(), found);
      case MAP -> namedTypes(schema.getValueType(), found);
      case UNION -> schema.getTypes().forEach(t -> namedTypes(t, found));
      default -> { }
    }
    return found;
  }

  static Schema schemaOf(Class<? extends SpecificRecord> recordClass) {
    return dataOf(recordClass).getSchema(recordClass);
  }

  /**
   * The schema as other languages should see it, and as it is registered: the generated class's
   * schema without the Java-only {@code avro.java.string} properties that {@code stringType=String} adds.
   */
  public static Schema portableSchemaOf(Class<? extends SpecificRecord> recordClass) {
    try {
      JsonNode tree = JSON.readTree(schemaOf(recordClass).toString());
      tree.findParents(JAVA_STRING_PROPERTY).forEach(node -> ((ObjectNode) node).remove(JAVA_STRING_PROPERTY));
      return new Schema.Parser().parse(tree.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static SchemaRegistryClient clientFor(Map<String, ?> configs) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    return SchemaRegistryClient.shared(config.registryUrls(), Duration.ofMillis(config.requestTimeoutMs()));
  }

  static String subject(String topic, boolean isKey) {
    return topic + (isKey ? "-key" : "-value");
  }
}
