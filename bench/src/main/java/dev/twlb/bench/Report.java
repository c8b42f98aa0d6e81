package dev.twlb.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One benchmark's result: a markdown table on stdout, the same as JSON under bench/results/. */
final class Report {
  private final String name;
  private final List<String> columns;
  private final List<List<Object>> rows = new ArrayList<>();
  private final Map<String, Object> facts = new LinkedHashMap<>();

  Report(String name, String... columns) {
    this.name = name;
    this.columns = List.of(columns);
  }

  Report row(Object... values) {
    rows.add(List.of(values));
    return this;
  }

  Report fact(String key, Object value) {
    facts.put(key, value);
    return this;
  }

  void print(Path resultsDir) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("| ").append(String.join(" | ", columns)).append(" |\n");
    md.append("|").append(" --- |".repeat(columns.size())).append("\n");
    for (List<Object> row : rows) {
      md.append("| ").append(String.join(" | ", row.stream().map(Report::format).toList())).append(" |\n");
    }
    facts.forEach((k, v) -> md.append("\n").append(k).append(": ").append(format(v)));
    System.out.println("\n### " + name + " (build " + Build.describe() + ")\n\n" + md);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("benchmark", name);
    json.put("measured_at", Instant.now().toString());
    json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version"));
    json.put("build", Build.describe());
    List<Map<String, Object>> table = new ArrayList<>();
    for (List<Object> row : rows) {
      Map<String, Object> entry = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        entry.put(columns.get(i), row.get(i));
      }
      table.add(entry);
    }
    json.put("rows", table);
    json.put("facts", facts);
    Files.createDirectories(resultsDir);
    Path file = resultsDir.resolve(name + ".json");
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
    System.out.println("\n(written to " + file + ")");
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.3g", d);
    }
    return String.valueOf(v);
  }
}
