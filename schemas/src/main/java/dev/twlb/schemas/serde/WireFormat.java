package dev.twlb.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** Confluent's wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body. */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  public static byte[] header(int schemaId) {
    return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
  }

  /** The schema id of a message, or a {@link SerializationException} saying why the bytes are not this format. */
  public static int schemaId(String topic, byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new SerializationException("Record on topic '" + topic + "' is " + data.length
          + " bytes long, shorter than the 5-byte header of the Confluent wire format (magic byte 0 + schema id)");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new SerializationException(String.format(
          "Record on topic '%s' starts with byte 0x%02x, not the magic byte 0x00 of the Confluent wire format;"
              + " it was not written by an Avro serializer with a schema registry", topic, data[0]));
    }
    return ByteBuffer.wrap(data, 1, 4).getInt();
  }
}
