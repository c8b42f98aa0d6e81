package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.detector.SyntheticWindows;
import dev.twlb.detector.report.LabelEvidence;
import dev.twlb.schemas.LabeledWindow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleDatasetTest {
  @TempDir
  Path data;

  @Test
  void countsWindowsMissingANodeRequestsCpuCoverageAndEvidence() throws Exception {
    List<LabeledWindow> rows = new ArrayList<>(SyntheticWindows.epochs("run-1", 4, 7));
    LabeledWindow dropped = rows.remove(5); // node-1's last window of epoch 0
    rows.add(rows.get(7)); // one row twice
    SyntheticWindows.writeParquet(data, rows);

    ScaleDataset dataset = ScaleDataset.of(data, 4, 0);

    assertThat(dataset.windowSeconds()).isEqualTo(5.0);
    assertThat(dataset.duplicates()).isEqualTo(1);
    assertThat(dataset.windows()).isEqualTo(24);
    assertThat(dataset.completeWindows()).as("the window that lost %s", dropped.getNodeId()).isEqualTo(23);
    assertThat(dataset.requestsPerNodeWindow()).isBetween(15.0, 21.0);
    assertThat(dataset.cpuRateCoverage()).startsWith("100.00%");
    assertThat(dataset.memoryGrowthCoverage()).startsWith("100.00%");
    assertThat(dataset.evidence()).extracting(LabelEvidence.ClassEvidence::faultType).containsExactlyInAnyOrder("500-error", "crash", "delay");
    assertThat(dataset.weakestEvidence()).isEqualTo(1.0);
  }

  @Test
  void theNewestWindowsOfADatasetStillBeingWrittenAreLeftOutOfTheCount() throws Exception {
    SyntheticWindows.writeParquet(data, SyntheticWindows.epochs("run-1", 2, 7));

    assertThat(ScaleDataset.of(data, 4, 10_000).windows()).as("12 windows, 5 s apart, the newest two within 10 s").isEqualTo(10);
  }
}
