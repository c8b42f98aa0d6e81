package dev.twlb.sink.format;

import dev.twlb.schemas.LabeledWindow;
import java.io.IOException;

/** Writes rows of one file of one format; {@link #close()} leaves a complete file on disk. */
public interface RecordWriter extends AutoCloseable {

  void write(LabeledWindow row) throws IOException;

  @Override
  void close() throws IOException;
}
