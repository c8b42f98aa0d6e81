package dev.twlb.detector.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twlb.detector.SyntheticWindows;
import dev.twlb.schemas.LabeledWindow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReportTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path dir;

  /** 3 epochs x 4 nodes x 6 windows, every class in every epoch; two of them are transitions, one crash is impure. */
  private Path dataset() throws Exception {
    List<LabeledWindow> rows = new ArrayList<>(SyntheticWindows.epochs("run-a", 3, 7));
    rows.set(0, LabeledWindow.newBuilder(rows.get(0)).setIsTransition(true).setLabelPurity(0.6).build());
    rows.set(1, LabeledWindow.newBuilder(rows.get(1)).setIsTransition(true).build());
    Path data = dir.resolve("data");
    SyntheticWindows.writeParquet(data, rows);
    Files.createDirectories(data.resolve("csv/date=2026-01-01/hour=00"));
    Files.writeString(data.resolve("csv/date=2026-01-01/hour=00/labeled-metrics+0+0000000000+0000000071.csv"), "header\n");
    return data;
  }

  private DatasetSummary report(Path data) throws Exception {
    return DatasetReport.write(new ReportConfig(Map.of(ReportConfig.DATA_DIRS, data.toString())), new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void summarisesClassesEpochsPurityAndMissingValues() throws Exception {
    Path data = dataset();
    DatasetSummary summary = report(data);

    assertThat(summary.rows()).isEqualTo(72);
    assertThat(summary.rowsByClass()).containsExactlyInAnyOrderEntriesOf(Map.of("benign", 18L, "500-error", 18L, "crash", 18L, "delay", 18L));
    JsonNode json = new ObjectMapper().readTree(data.resolve("report/report.json").toFile());
    assertThat(json.path("files").path("parquet").asLong()).isEqualTo(1);
    assertThat(json.path("files").path("csv").asLong()).isEqualTo(1);
    assertThat(json.path("transitions").asLong()).isEqualTo(2);
    assertThat(json.path("label_purity").path("rows_below_1").asLong()).isEqualTo(1);
    assertThat(json.path("epochs")).hasSize(3);
    assertThat(json.path("epochs").get(0).path("rows_by_class").path("benign").asLong()).isEqualTo(6);
    // a crashed node has no scrape: its 18 windows miss the CPU rate; the others all have one
    assertThat(json.path("missing_by_column").path("cpu_usage_rate").asLong()).isEqualTo(18);
    assertThat(json.path("missing_by_column").path("node_id").asLong()).isZero();
    assertThat(json.path("first_window_start").asText()).isEqualTo("2026-01-01T00:00:00Z");
  }

  @Test
  void writesThePicturesAndAPageThatShowsThem() throws Exception {
    Path data = dataset();
    report(data);
    Path out = data.resolve("report");
    List<Path> pictures;
    try (var files = Files.list(out)) {
      pictures = files.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertThat(pictures).extracting(p -> p.getFileName().toString()).contains("class-balance.png", "feature-success_rate.png");
    for (Path picture : pictures) {
      assertThat(ImageIO.read(picture.toFile())).as(picture.toString()).isNotNull()
          .satisfies(image -> assertThat(image.getWidth()).isGreaterThan(500));
    }
    String html = Files.readString(out.resolve("index.html"));
    assertThat(html).contains("<td>crash</td><td>18</td>");
    for (Path picture : pictures) {
      assertThat(html).contains("src=\"" + picture.getFileName() + "\"");
    }
  }

  @Test
  void thePageRendersWithEveryPictureInHeadlessChromium() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not here (apt-get install chromium; .ci/run does as root): the page was not rendered");
    Path data = dataset();
    report(data);
    Path page = data.resolve("report/index.html");
    long pictures;
    try (var files = Files.list(page.getParent())) {
      pictures = files.filter(p -> p.toString().endsWith(".png")).count();
    }
    Path dom = dir.resolve("dom.html");
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--user-data-dir=" + dir.resolve("chromium-profile"), "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
        .redirectOutput(dom.toFile()).redirectError(dir.resolve("chromium.log").toFile()).start();
    assertThat(chromium.waitFor(120, TimeUnit.SECONDS)).as("chromium ended").isTrue();
    assertThat(Files.readString(dom)).as(Files.readString(dir.resolve("chromium.log")))
        .contains("data-images=\"" + pictures + "/" + pictures + "\"");
  }

  @Test
  void aDirectoryWithoutWindowsSaysSo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> report(empty)).hasMessageContaining("no labeled windows in");
  }
}
