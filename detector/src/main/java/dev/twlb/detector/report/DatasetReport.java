package dev.twlb.detector.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.twlb.detector.DatasetReader;
import dev.twlb.detector.OutputFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code twlb report}: reads a dataset once and writes what an ML engineer looks at before training: report.json,
 * class balance over time and each main feature per class as PNG, and index.html that shows them.
 */
public final class DatasetReport {
  private DatasetReport() {}

  /** Writes the report to the config's out directory and returns the summary. */
  public static DatasetSummary write(ReportConfig config, PrintStream progress) throws IOException {
    List<Path> dirs = config.dataDirs();
    DatasetSummary summary = new DatasetSummary(config.samplePerClass());
    long started = System.nanoTime();
    summary.parquetFiles = DatasetReader.forEachRow(dirs, row -> {
      summary.add(row);
      if (summary.rows % 100_000 == 0) {
        progress.printf("  %,d windows read%n", summary.rows);
      }
    });
    summary.csvFiles = dirs.stream().mapToLong(DatasetReport::csvFiles).sum();
    progress.printf("read %,d windows from %d Parquet files in %.1f s%n", summary.rows, summary.parquetFiles,
        (System.nanoTime() - started) / 1e9);
    if (summary.rows == 0) {
      throw new IllegalArgumentException("no labeled windows in " + dirs + ": is it a data directory of twlb run or twlb sink?");
    }
    progress.println(LabelEvidence.line(summary.evidence()));
    Path out = Files.createDirectories(config.outDir());
    List<String> pictures = new ArrayList<>();
    ReportCharts.classBalance(summary, out.resolve("class-balance.png"));
    pictures.add("class-balance.png");
    for (String feature : DatasetSummary.FEATURES) {
      String name = "feature-" + feature + ".png";
      if (ReportCharts.featureBoxes(summary, feature, out.resolve(name))) {
        pictures.add(name);
      }
    }
    OutputFiles.write(out.resolve("report.json"),
        o -> new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(o, summary.toMap()));
    String html = ReportPage.html(summary, dirs.stream().map(Path::toString).toList(), pictures);
    OutputFiles.write(out.resolve("index.html"), o -> o.write(html.getBytes(StandardCharsets.UTF_8)));
    progress.println("report: " + out.resolve("index.html").toAbsolutePath() + " (" + pictures.size() + " pictures, report.json)");
    return summary;
  }

  private static long csvFiles(Path dir) {
    Path csv = dir.resolve("csv");
    if (!Files.isDirectory(csv)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(csv)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".csv") && !p.getFileName().toString().startsWith(".")).count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + csv, e);
    }
  }
}
