package dev.twlb.detector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads the Parquet files of one or more data directories (as {@code twlb sink} writes them) and
 * keeps the rows a detector can learn from: not a transition, and a known label.
 */
public final class DatasetReader {
  static final String UNKNOWN = "unknown";

  /** The clean rows and how many were left out, and why. */
  public record Dataset(List<Row> rows, long files, long transitions, long unknown) {}

  private DatasetReader() {}

  public static Dataset read(List<Path> dataDirs) {
    List<Row> rows = new ArrayList<>();
    long files = 0;
    long transitions = 0;
    long unknown = 0;
    for (Path file : parquetFiles(dataDirs)) {
      files++;
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.genericRecordReader(new LocalInputFile(file))) {
        for (GenericRecord r; (r = reader.read()) != null; ) {
          String label = String.valueOf(r.get("fault_type"));
          if (Boolean.TRUE.equals(r.get("is_transition"))) {
            transitions++;
          } else if (label.equals(UNKNOWN) || r.get("run_id") == null || r.get("epoch_id") == null) {
            unknown++;
          } else {
            rows.add(new Row(r.get("run_id").toString(), (Long) r.get("epoch_id"), r.get("node_id").toString(),
                millis(r.get("window_start")), label, Features.ALL.of(r), Features.PROTOTYPE.of(r)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return new Dataset(rows, files, transitions, unknown);
  }

  private static long millis(Object time) {
    return time instanceof java.time.Instant instant ? instant.toEpochMilli() : ((Number) time).longValue();
  }

  /** Every finished Parquet file under each directory (its {@code parquet/} folder when it has one); temporary dot-files are skipped. */
  static List<Path> parquetFiles(List<Path> dataDirs) {
    List<Path> files = new ArrayList<>();
    for (Path dir : dataDirs) {
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("no such data directory: " + dir);
      }
      Path root = Files.isDirectory(dir.resolve("parquet")) ? dir.resolve("parquet") : dir;
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> p.getFileName().toString().endsWith(".parquet") && !p.getFileName().toString().startsWith("."))
            .sorted().forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list " + root, e);
      }
    }
    return files;
  }
}
