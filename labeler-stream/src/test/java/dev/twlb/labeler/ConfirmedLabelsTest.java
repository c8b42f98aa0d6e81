package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Outcome;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A label is clean only where the node confirmed that it applied the assignment behind it. */
class ConfirmedLabelsTest {
  private final LabelerDriver labeler = new LabelerDriver();

  @AfterEach
  void close() {
    labeler.close();
  }

  private void requestsEverySecond(String node, double from, double until) {
    for (double t = from + 0.5; t < until; t += 1) {
      labeler.request(node, t, 3, Outcome.OK, 200);
    }
  }

  @Test
  void aNodeThatNeverConfirmedItsFaultHasItsWindowsMarkedNotLabeledClean() {
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    labeler.assignUnconfirmed("node-1", 1, "500-error", 10, 20, Map.of());
    requestsEverySecond("node-1", 5, 20); // it answers 200: it never applied the fault
    labeler.advanceTo(40);

    assertThat(labeler.row("node-1", 5).getIsTransition()).isFalse();
    for (double start : new double[] {10, 15}) {
      LabeledWindow row = labeler.row("node-1", start);
      assertThat(row.getFaultType()).as("the label says what was assigned").isEqualTo("500-error");
      assertThat(row.getIsTransition()).isTrue();
      assertThat(row.getTransitionReason()).isEqualTo("fault-not-applied");
    }
  }

  @Test
  void anAssignmentReadLateIsCleanOnlyFromTheFirstWholeWindowAfterItWasApplied() {
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    labeler.assignUnconfirmed("node-1", 1, "delay", 10, 30, Map.of("delay_ms", 6500.0));
    labeler.confirm("node-1", 1, "delay", 10, 12.5);
    requestsEverySecond("node-1", 5, 30);
    labeler.advanceTo(50);

    assertThat(labeler.row("node-1", 10).getTransitionReason()).isEqualTo("fault-not-applied");
    assertThat(labeler.row("node-1", 15).getIsTransition()).isFalse();
    assertThat(labeler.row("node-1", 15).getFaultType()).isEqualTo("delay");
  }

  @Test
  void aCrashConfirmedBeforeDeathAndAgainByTheRestartedProcessIsClean() {
    labeler.assign("node-1", 0, "benign", 0, 5, Map.of());
    labeler.assign("node-1", 1, "crash", 5, 20, Map.of()); // confirmed at 5 s by the process that dies
    labeler.confirm("node-1", 1, "crash", 5, 7.3); // the restarted process stays down and confirms again
    for (double t = 5.2; t < 20; t += 0.5) {
      labeler.request("node-1", t, 1, Outcome.CONNECT_ERROR, null);
    }
    labeler.advanceTo(40);

    for (double start : new double[] {5, 10, 15}) {
      assertThat(labeler.row("node-1", start).getIsTransition()).as("window at %s s", start).isFalse();
      assertThat(labeler.row("node-1", start).getFaultType()).isEqualTo("crash");
    }
  }

  @Test
  void aConfirmationThatComesAfterTheWindowClosedDoesNotMakeItClean() {
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    labeler.assignUnconfirmed("node-1", 1, "slow", 10, 60, Map.of("added_ms", 500.0));
    requestsEverySecond("node-1", 10, 15);
    labeler.advanceTo(22); // the window [10, 15) closes
    labeler.confirm("node-1", 1, "slow", 10, 10);
    requestsEverySecond("node-1", 15, 25);
    labeler.advanceTo(40);

    assertThat(labeler.row("node-1", 10).getTransitionReason()).isEqualTo("fault-not-applied");
    assertThat(labeler.row("node-1", 15).getIsTransition()).as("closed after the confirmation came").isFalse();
  }
}
