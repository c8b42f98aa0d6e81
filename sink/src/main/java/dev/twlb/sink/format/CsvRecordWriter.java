package dev.twlb.sink.format;

import com.fasterxml.jackson.core.io.NumberOutput;
import dev.twlb.schemas.LabeledWindow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.commons.csv.CSVFormat;

/**
 * Rows as RFC 4180 CSV with a header: the prototype's columns first, with its names, then the rest
 * in schema order. Times are ISO-8601 in UTC; a missing value is an empty field.
 */
final class CsvRecordWriter implements RecordWriter {
  /** The columns, in the order of the LabeledWindow schema (which puts the prototype's first). */
  public static final List<String> COLUMNS =
      LabeledWindow.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
  private static final CSVFormat FORMAT = CSVFormat.RFC4180;
  private static final char DELIMITER = ',';

  private final Path file;
  private final Writer out;
  /**
   * The row being printed: commons-csv quotes and separates the values into it, and the file takes it whole. Printing
   * to the file's writer directly cut every value out of its text again (a {@code String} per value, 40% of this
   * thread); and {@code CSVFormat} itself, not a {@code CSVPrinter}, which takes a lock for every value (13%).
   */
  private final StringBuilder line = new StringBuilder(1024);
  /** Each column's value in the previous row and its text: a window's start and end repeat for each of its nodes. */
  private final Object[] lastValues = new Object[COLUMNS.size()];
  private final String[] lastTexts = new String[COLUMNS.size()];

  CsvRecordWriter(Path file) throws IOException {
    this.file = file;
    this.out = new BufferedWriter(new OutputStreamWriter(
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
    FORMAT.printRecord(line, COLUMNS.toArray());
    takeLine();
  }

  @Override
  public void write(LabeledWindow row) throws IOException {
    for (int i = 0; i < lastTexts.length; i++) {
      Object value = row.get(i);
      if (value == null || !value.equals(lastValues[i])) {
        lastValues[i] = value;
        lastTexts[i] = text(value);
      }
      if (value instanceof Number || value instanceof Boolean || value instanceof Instant) {
        // their text never needs quotes (no delimiter, quote or line break; it starts with a digit, '-' or a letter),
        // and asking commons-csv whether it does was a third of this thread
        if (i > 0) {
          line.append(DELIMITER);
        }
        line.append(lastTexts[i]);
      } else {
        FORMAT.print(lastTexts[i], line, i == 0);
      }
    }
    FORMAT.println(line);
    takeLine();
  }

  private void takeLine() throws IOException {
    out.append(line);
    line.setLength(0);
  }

  /**
   * A value's text; a double's is the shortest that reads back as the same double (Schubfach, as Java 19's
   * {@code Double.toString}: Java 17's takes twice as long, the largest share of this thread).
   */
  private static String text(Object value) {
    return value == null ? "" : value instanceof Double d ? NumberOutput.toString(d, true) : value.toString();
  }

  @Override
  public void close() throws IOException {
    out.close();
    Durable.sync(file);
  }
}
