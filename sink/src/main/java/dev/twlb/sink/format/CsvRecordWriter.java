package dev.twlb.sink.format;

import dev.twlb.schemas.LabeledWindow;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Rows as RFC 4180 CSV with a header: the prototype's columns first, with its names, then the rest
 * in schema order. Times are ISO-8601 in UTC; a missing value is an empty field.
 */
final class CsvRecordWriter implements RecordWriter {
  /** The columns, in the order of the LabeledWindow schema (which puts the prototype's first). */
  public static final List<String> COLUMNS =
      LabeledWindow.getClassSchema().getFields().stream().map(Schema.Field::name).toList();

  private final Path file;
  private final CSVPrinter printer;

  CsvRecordWriter(Path file) throws IOException {
    this.file = file;
    BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
        Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), StandardCharsets.UTF_8), 64 * 1024);
    this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get());
  }

  @Override
  public void write(LabeledWindow row) throws IOException {
    List<Object> values = new ArrayList<>(COLUMNS.size());
    for (int i = 0; i < COLUMNS.size(); i++) {
      Object value = row.get(i);
      values.add(value == null ? "" : value.toString());
    }
    printer.printRecord(values);
  }

  @Override
  public void close() throws IOException {
    printer.close(true);
    Durable.sync(file);
  }
}
