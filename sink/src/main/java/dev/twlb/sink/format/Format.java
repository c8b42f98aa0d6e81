package dev.twlb.sink.format;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The formats the sink writes side by side, each in its own directory tree. */
public enum Format {
  PARQUET("parquet"),
  CSV("csv");

  private final String extension;

  Format(String extension) {
    this.extension = extension;
  }

  /** The file extension, which is also the name of the format's top directory. */
  public String extension() {
    return extension;
  }

  public RecordWriter open(Path file, CompressionCodecName parquetCodec) throws IOException {
    return switch (this) {
      case PARQUET -> new ParquetRecordWriter(file, parquetCodec);
      case CSV -> new CsvRecordWriter(file);
    };
  }
}
