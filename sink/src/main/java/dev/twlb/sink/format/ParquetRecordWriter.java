package dev.twlb.sink.format;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.serde.RecordClasses;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/** Rows as Parquet through parquet-avro, on the local file system (no Hadoop cluster involved). */
public final class ParquetRecordWriter implements RecordWriter {
  /** Derived once: it walks the record class's schema (2% of the sink's thread when done for every file). */
  private static final Schema SCHEMA = RecordClasses.portableSchemaOf(LabeledWindow.class);
  /**
   * The measured features (latencies, rates, memory): nearly every value differs, so a dictionary of them is built
   * for nothing and dropped when the file closes (a quarter of the sink's thread, with a file every ~1,400 rows).
   */
  private static final List<String> PLAIN_COLUMNS = SCHEMA.getFields().stream()
      .filter(field -> nonNull(field.schema()).getType() == Schema.Type.DOUBLE).map(Schema.Field::name).toList();

  private final Path file;
  private final ParquetWriter<LabeledWindow> writer;

  ParquetRecordWriter(Path file, CompressionCodecName codec) throws IOException {
    this.file = file;
    this.writer = parquetAvroWriter(file, codec);
  }

  /** A parquet-avro writer with the sink's settings: {@code twlb-bench sink}'s reference writes with one. */
  public static ParquetWriter<LabeledWindow> parquetAvroWriter(Path file, CompressionCodecName codec) throws IOException {
    AvroParquetWriter.Builder<LabeledWindow> builder = AvroParquetWriter.<LabeledWindow>builder(new LocalOutputFile(file))
        .withSchema(SCHEMA)
        .withDataModel(SpecificData.getForClass(LabeledWindow.class))
        // Hadoop's default files hold no Parquet setting; the default settings parse them for every file (9% of the thread)
        .withConf(new Configuration(false))
        .withCompressionCodec(codec);
    PLAIN_COLUMNS.forEach(column -> builder.withDictionaryEncoding(column, false));
    return builder.build();
  }

  private static Schema nonNull(Schema schema) {
    return schema.getType() != Schema.Type.UNION ? schema
        : schema.getTypes().stream().filter(type -> type.getType() != Schema.Type.NULL).findFirst().orElseThrow();
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
