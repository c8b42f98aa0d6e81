package dev.twlb.schemas.serde;

import dev.twlb.schemas.registry.RegistryException;
import dev.twlb.schemas.registry.SchemaRegistryClient;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format into a generated record: the writer's schema is fetched by id and
 * resolved against this class's schema, so older and newer writers are read as Avro's rules allow.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {
  private final Schema readerSchema;
  private final SpecificData data;
  private final Map<Integer, SpecificDatumReader<T>> readersByWriterId = new ConcurrentHashMap<>();
  private SchemaRegistryClient registry;

  public AvroDeserializer(Class<T> recordClass) {
    this.readerSchema = RecordClasses.schemaOf(recordClass);
    this.data = RecordClasses.dataOf(recordClass);
    RecordClasses.trust(recordClass);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    this.registry = RecordClasses.clientFor(configs);
  }

  @Override
  public T deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure(): set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    }
    int id = WireFormat.schemaId(topic, bytes);
    SpecificDatumReader<T> reader = readersByWriterId.computeIfAbsent(id, this::readerFor);
    try {
      BinaryDecoder decoder = DecoderFactory.get()
          .binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
      T record = reader.read(null, decoder);
      if (!decoder.isEnd()) {
        throw new SerializationException("Record on topic '" + topic + "' has bytes left after a complete "
            + readerSchema.getName() + " (schema id " + id + "): it was written with another schema");
      }
      return record;
    } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
      throw new SerializationException("Record on topic '" + topic + "' with schema id " + id
          + " is not a valid " + readerSchema.getName() + ": " + e, e);
    }
  }

  private SpecificDatumReader<T> readerFor(int writerId) {
    try {
      return new SpecificDatumReader<>(registry.schemaById(writerId), readerSchema, data);
    } catch (RegistryException e) {
      throw new SerializationException("cannot fetch writer schema id " + writerId + " from the schema registry: "
          + e.getMessage(), e);
    }
  }
}
