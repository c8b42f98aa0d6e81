package dev.twlb.labeler;

import dev.twlb.schemas.serde.RecordClasses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Plain Avro binary for the labeler's state (windows, last scrapes): it lives only in this app's store and changelog, so no registry. */
final class StateSerde {
  private StateSerde() {}

  static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
    RecordClasses.trust(type);
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(type);
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(type);
    return Serdes.serdeFrom(
        (topic, acc) -> {
          if (acc == null) {
            return null;
          }
          try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(acc, encoder);
            encoder.flush();
            return out.toByteArray();
          } catch (IOException e) {
            throw new SerializationException("cannot write window state", e);
          }
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
          } catch (IOException e) {
            throw new SerializationException("cannot read window state", e);
          }
        });
  }
}
