package dev.twlb.sink.format;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.serde.RecordClasses;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificData;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Rows as Parquet through parquet-avro, on the local file system (no Hadoop cluster involved). */
final class ParquetRecordWriter implements RecordWriter {
  private final Path file;
  private final ParquetWriter<LabeledWindow> writer;

  ParquetRecordWriter(Path file, CompressionCodecName codec) throws IOException {
    this.file = file;
    this.writer = AvroParquetWriter.<LabeledWindow>builder(new LocalOutputFile(file))
        .withSchema(RecordClasses.portableSchemaOf(LabeledWindow.class))
        .withDataModel(SpecificData.getForClass(LabeledWindow.class))
        .withCompressionCodec(codec)
        .build();
  }

  @Override
  public void write(LabeledWindow row) throws IOException {
    writer.write(row);
  }

  @Override
  public void close() throws IOException {
    writer.close();
    Durable.sync(file);
  }
}
