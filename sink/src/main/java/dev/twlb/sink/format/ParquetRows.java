package dev.twlb.sink.format;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.serde.RecordClasses;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.specific.SpecificData;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroReadSupport;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/** Reads back the rows of a Parquet file the sink wrote, as the records it wrote. */
public final class ParquetRows {
  /** What is done with each row. */
  public interface RowAction {
    void accept(LabeledWindow row) throws IOException;
  }

  private ParquetRows() {}

  public static long forEach(Path file, RowAction action) throws IOException {
    RecordClasses.trust(LabeledWindow.class);
    Configuration conf = new Configuration(false);
    AvroReadSupport.setAvroReadSchema(conf, LabeledWindow.getClassSchema());
    long rows = 0;
    try (ParquetReader<LabeledWindow> reader = AvroParquetReader.<LabeledWindow>builder(new LocalInputFile(file))
        .withDataModel(SpecificData.getForClass(LabeledWindow.class)).withConf(conf).build()) {
      for (LabeledWindow row; (row = reader.read()) != null; rows++) {
        action.accept(row);
      }
    }
    return rows;
  }
}
