package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Outcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Windows at the end of a run: the one straddling its end, and the ones after it. */
class RunBoundaryTest {
  private static void lastEpochEndsAt12(LabelerDriver labeler) {
    labeler.assign("node-1", 0, "benign", 0, 12, Map.of());
    for (double t = 0.5; t < 25; t += 1) {
      labeler.request("node-1", t, 3, Outcome.OK, 200);
    }
    labeler.advanceTo(60);
  }

  @Test
  void aWindowMostlyAfterTheRunsEndIsUnknownButBelongsToTheRun() {
    try (LabelerDriver labeler = new LabelerDriver()) {
      lastEpochEndsAt12(labeler);

      LabeledWindow straddling = labeler.row("node-1", 10);
      assertThat(straddling.getFaultType()).isEqualTo("unknown");
      assertThat(straddling.getLabelPurity()).isEqualTo(0.6);
      assertThat(straddling.getIsTransition()).isTrue();
      assertThat(straddling.getRunId()).isEqualTo("run-t");
      assertThat(straddling.getEpochId()).isZero();
      LabeledWindow after = labeler.row("node-1", 15);
      assertThat(after.getFaultType()).isEqualTo("unknown");
      assertThat(after.getRunId()).as("kept by default, with no run").isNull();
    }
  }

  @Test
  void withUnlabeledWindowsDroppedOnlyWindowsOfTheRunAreWritten() {
    try (LabelerDriver labeler = new LabelerDriver(Map.of(LabelerConfig.UNLABELED_WINDOWS, "drop"))) {
      lastEpochEndsAt12(labeler);

      assertThat(labeler.rows("node-1")).extracting(LabeledWindow::getRunId).containsOnly("run-t");
      assertThat(labeler.rows("node-1")).extracting(r -> r.getWindowStart().toEpochMilli()).containsExactly(0L, 5_000L, 10_000L);
      assertThat(labeler.metrics.windowsEmitted("run-t")).isEqualTo(3);
    }
  }
}
