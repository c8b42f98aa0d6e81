package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.twlb.schemas.LabeledWindow;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Counter rates and memory growth from consecutive scrapes of one process, across window boundaries. */
class ScrapeRatesTest {
  private static final double MIB = 1024 * 1024;
  private final LabelerDriver labeler = new LabelerDriver();

  @BeforeEach
  void benignNode() {
    labeler.assign("node-1", 0, "benign", 0, 60, Map.of());
  }

  @AfterEach
  void close() {
    labeler.close();
  }

  @Test
  void aWindowWithOneScrapeMeasuresItsRatesFromTheScrapeBeforeIt() {
    labeler.scrape("node-1", 3, true, 1.0, 100 * MIB, 40 * MIB, 0.5);
    labeler.scrape("node-1", 7, true, 1.8, 120 * MIB, 44 * MIB, 0.5);
    labeler.advanceTo(30);

    LabeledWindow first = labeler.row("node-1", 0);
    assertThat(first.getCpuUsageRate()).as("nothing before the node's first scrape").isNull();
    LabeledWindow second = labeler.row("node-1", 5);
    assertThat(second.getScrapeCount()).isEqualTo(1);
    assertThat(second.getCpuUsageRate()).isCloseTo(0.2, within(1e-9));
    assertThat(second.getResidentMemGrowthMbPerS()).isCloseTo(5.0, within(1e-9));
    assertThat(second.getHeapGrowthMbPerS()).isCloseTo(1.0, within(1e-9));
    assertThat(second.getRateSpanMs()).isEqualTo(4_000);
    assertThat(second.getResidentMemMb()).isCloseTo(120, within(1e-9));
    assertThat(second.getIsTransition()).isFalse();
  }

  @Test
  void aFailedScrapeInBetweenKeepsTheBaselineOfALivingProcess() {
    labeler.scrape("node-1", 3, true, 1.0, 100 * MIB, 40 * MIB, 0.5);
    labeler.scrape("node-1", 5.5, false, null, null, null, null);
    labeler.scrape("node-1", 8, true, 2.0, 100 * MIB, 40 * MIB, 0.5);
    labeler.advanceTo(30);

    assertThat(labeler.row("node-1", 5).getCpuUsageRate()).isCloseTo(0.2, within(1e-9));
  }

  @Test
  void aRestartedProcessIsNotMeasuredAgainstTheOldOneAndItsWindowIsMarked() {
    labeler.scrape("node-1", 3, true, 9.0, 200 * MIB, 40 * MIB, 0.5);
    // a new process started at 5.2 s: its counter starts again
    labeler.scrape("node-1", 6, true, 0.5, 80 * MIB, 20 * MIB, 5.2);
    labeler.scrape("node-1", 8, true, 0.9, 82 * MIB, 21 * MIB, 5.2);
    labeler.scrape("node-1", 12, true, 1.7, 84 * MIB, 22 * MIB, 5.2);
    labeler.advanceTo(30);

    LabeledWindow restart = labeler.row("node-1", 5);
    assertThat(restart.getCpuUsageRate()).as("from the new process's first scrape").isCloseTo(0.2, within(1e-9));
    assertThat(restart.getResidentMemGrowthMbPerS()).isCloseTo(1.0, within(1e-9));
    assertThat(restart.getIsTransition()).as("the node came back during this window").isTrue();
    LabeledWindow after = labeler.row("node-1", 10);
    assertThat(after.getCpuUsageRate()).isCloseTo(0.2, within(1e-9));
    assertThat(after.getIsTransition()).isFalse();
  }

  @Test
  void withoutAStartTimeACounterThatWentBackIsARestart() {
    labeler.scrape("node-1", 3, true, 9.0, 200 * MIB, 40 * MIB, null);
    labeler.scrape("node-1", 6, true, 0.5, 80 * MIB, 20 * MIB, null);
    labeler.scrape("node-1", 8, true, 0.9, 80 * MIB, 20 * MIB, null);
    labeler.advanceTo(30);

    LabeledWindow restart = labeler.row("node-1", 5);
    assertThat(restart.getCpuUsageRate()).isCloseTo(0.2, within(1e-9));
    assertThat(restart.getIsTransition()).isTrue();
  }

  @Test
  void aCounterResetInsideAWindowRestartsTheRateThere() {
    labeler.scrape("node-1", 1, true, 5.0, 100 * MIB, 40 * MIB, null);
    labeler.scrape("node-1", 2, true, 5.2, 100 * MIB, 40 * MIB, null);
    labeler.scrape("node-1", 3, true, 0.1, 60 * MIB, 40 * MIB, null);
    labeler.scrape("node-1", 4, true, 0.4, 62 * MIB, 40 * MIB, null);
    labeler.advanceTo(30);

    LabeledWindow window = labeler.row("node-1", 0);
    assertThat(window.getCpuUsageRate()).as("never negative across a reset").isCloseTo(0.3, within(1e-9));
    assertThat(window.getResidentMemGrowthMbPerS()).isCloseTo(2.0, within(1e-9));
    assertThat(window.getIsTransition()).isTrue();
  }
}
