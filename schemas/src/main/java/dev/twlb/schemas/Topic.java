package dev.twlb.schemas;

import dev.twlb.schemas.serde.AvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the data flow: its default name and the Avro record its values hold. Keys are always
 * the node id as a UTF-8 string.
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueClass) {

  /** A value serde for this record type, configured with {@code schema.registry.url} and friends. */
  public AvroSerde<V> valueSerde(Map<String, ?> serdeConfig) {
    AvroSerde<V> serde = new AvroSerde<>(valueClass);
    serde.configure(serdeConfig, false);
    return serde;
  }

  /** The same record type on a topic with another name (every topic name is configurable). */
  public Topic<V> renamed(String newName) {
    return new Topic<>(newName, valueClass);
  }
}
