package dev.twlb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** What a test sees of a data directory while a sink may be writing it. */
final class DataFiles {
  private DataFiles() {}

  /** Finished Parquet files; listed again when a file goes while the folder is walked (a sink is at work). */
  static long parquetFiles(Path data) {
    Path parquet = data.resolve("parquet");
    while (true) {
      if (!Files.isDirectory(parquet)) {
        return 0;
      }
      try (Stream<Path> files = Files.walk(parquet)) {
        return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).count();
      } catch (UncheckedIOException | IOException changedWhileListed) {
        // list again
      }
    }
  }
}
