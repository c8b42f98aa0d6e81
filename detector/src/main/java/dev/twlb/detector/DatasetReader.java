package dev.twlb.detector;

import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.TransitionReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;

/**
 * Reads the Parquet files of one or more data directories (as {@code twlb sink} writes them) and
 * keeps the rows a detector can learn from: not a transition, and a known label; and, when asked, the windows only an
 * assignment change makes a transition whose label covers enough of them.
 */
public final class DatasetReader {
  static final String UNKNOWN = FaultType.UNKNOWN_LABEL;

  /** The rows kept (clean, and cut ones when asked) and how many were left out, and why. */
  public record Dataset(List<Row> rows, long files, long transitions, long unknown) {
    /** How many of the rows are windows an assignment change cuts (trained on, never scored). */
    public long cut() {
      return rows.stream().filter(r -> !r.clean()).count();
    }

    /** How many of the rows are clean windows of a fault that hits at random with no hit (scored, not trained on). */
    public long noHit() {
      return rows.stream().filter(r -> !r.trained()).count();
    }
  }

  private DatasetReader() {}

  /** The clean rows of windows that start before {@code beforeMs} (later ones are left out silently). */
  public static Dataset read(List<Path> dataDirs, long beforeMs) {
    return read(dataDirs, beforeMs, 1.0);
  }

  /**
   * The same, with the windows whose only transition reason is an assignment change and whose label covers at least
   * {@code minPurity} of them (none when it is 1), marked not clean.
   */
  public static Dataset read(List<Path> dataDirs, long beforeMs, double minPurity) {
    List<Row> rows = new ArrayList<>();
    long[] leftOut = new long[2];
    long files = forEachRow(dataDirs, r -> {
      String label = String.valueOf(r.get("fault_type"));
      if (millis(r.get("window_start")) >= beforeMs) {
        return;
      }
      boolean clean = !Boolean.TRUE.equals(r.get("is_transition"));
      if (!clean && !cutOnlyByAssignment(r, minPurity)) {
        leftOut[0]++;
      } else if (label.equals(UNKNOWN) || r.get("run_id") == null || r.get("epoch_id") == null) {
        leftOut[1]++;
      } else {
        rows.add(new Row(r.get("run_id").toString(), (Long) r.get("epoch_id"), r.get("node_id").toString(),
            millis(r.get("window_start")), label, Features.ALL.of(r), Features.PROTOTYPE.of(r), clean,
            !RandomHits.noHit(r)));
      }
    });
    return new Dataset(rows, files, leftOut[0], leftOut[1]);
  }

  private static boolean cutOnlyByAssignment(GenericRecord r, double minPurity) {
    return minPurity < 1.0 && TransitionReason.ASSIGNMENT_CHANGE.wireName().equals(String.valueOf(r.get("transition_reason")))
        && r.get("label_purity") instanceof Number purity && purity.doubleValue() >= minPurity;
  }

  /** Hands every row of every finished Parquet file under the directories to {@code action}; returns how many files it read. */
  public static long forEachRow(List<Path> dataDirs, Consumer<GenericRecord> action) {
    List<Path> files = parquetFiles(dataDirs);
    for (Path file : files) {
      try (ParquetReader<GenericRecord> reader = AvroParquetReader.genericRecordReader(new LocalInputFile(file))) {
        for (GenericRecord r; (r = reader.read()) != null; ) {
          action.accept(r);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return files.size();
  }

  /** A timestamp column as ms since 1970, whether it was read as an Instant (logical type) or a plain long. */
  public static long millis(Object time) {
    return time instanceof java.time.Instant instant ? instant.toEpochMilli() : ((Number) time).longValue();
  }

  /** Every finished Parquet file under each directory (its {@code parquet/} folder when it has one); temporary dot-files are skipped. */
  public static List<Path> parquetFiles(List<Path> dataDirs) {
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
