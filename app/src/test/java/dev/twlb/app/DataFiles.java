package dev.twlb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What a test sees of a data directory while a sink may be writing it. */
final class DataFiles {
  /** A dataset row as tests compare them: which window of which node, its label and whether it is marked. */
  record Row(String node, Instant start, Instant end, String fault, boolean transition) {}

  private DataFiles() {}

  /** Parquet files under a data directory, for DuckDB. */
  static String parquet(Path data) {
    return "read_parquet('" + data + "/parquet/**/*.parquet')";
  }

  /** CSV files under a data directory, for DuckDB. */
  static String csv(Path data) {
    return "read_csv('" + data + "/csv/**/*.csv', header = true)";
  }

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

  /** Every row of a DuckDB source ({@link #parquet} or {@link #csv}). */
  static List<Row> rows(String source) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
         Statement st = db.createStatement();
         ResultSet rs = st.executeQuery("SELECT node_id, CAST(window_start AS VARCHAR), CAST(window_end AS VARCHAR), "
             + "fault_type, is_transition FROM " + source)) {
      while (rs.next()) {
        rows.add(new Row(rs.getString(1), instant(rs.getString(2)), instant(rs.getString(3)), rs.getString(4), rs.getBoolean(5)));
      }
    }
    return rows;
  }

  /** DuckDB shows Parquet timestamps as "2026-11-24 03:00:05" and CSV ones as "2026-11-24T03:00:05Z"; both are UTC. */
  private static Instant instant(String text) {
    String iso = text.replace(' ', 'T');
    int plus = iso.indexOf('+', 10);
    if (plus > 0) {
      iso = iso.substring(0, plus);
    }
    return Instant.parse(iso.endsWith("Z") ? iso : iso + "Z");
  }
}
