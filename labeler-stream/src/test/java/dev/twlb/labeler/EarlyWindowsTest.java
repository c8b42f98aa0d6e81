package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Outcome;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Early windows go out as soon as stream time passes their end, and are labeled later from the same accumulator. */
class EarlyWindowsTest {
  private static final List<String> LABEL_FIELDS = List.of("fault_type", "run_id", "epoch_id", "label_purity", "is_transition",
      "transition_reason");

  private LabelerDriver labeler = new LabelerDriver();

  @AfterEach
  void close() {
    labeler.close();
  }

  /** node-1 answers every quarter second; from 10 s on every answer is a 500. */
  private void faultAtTenSeconds(double until) {
    for (double t = 5; t < until; t += 0.25) {
      boolean fault = t >= 10;
      labeler.request("node-1", t, 2, fault ? Outcome.HTTP_ERROR : Outcome.OK, fault ? 500 : 200);
    }
  }

  @Test
  void aTrailingWindowGoesOutWhenStreamTimePassesItsEndWithoutWaitingForTheGrace() {
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    labeler.assign("node-1", 1, "500-error", 10, 40, Map.of());
    faultAtTenSeconds(11.1); // stream time 11.1 s: the window [8, 11) is over, the grace (6 s) far from it

    List<LabeledWindow> live = labeler.early.readValuesToList();
    LabeledWindow lastSecond = live.stream().filter(r -> r.getWindowEnd().equals(LabelerDriver.at(11))).findFirst().orElseThrow();
    assertThat(lastSecond.getWindowStart()).isEqualTo(LabelerDriver.at(8));
    assertThat(lastSecond.getRequestCount()).isEqualTo(12);
    assertThat(lastSecond.getHttpErrorCount()).as("the fault's first second").isEqualTo(4);
    assertThat(lastSecond.getRecentRequestCount()).as("[10, 11): the window's last second, counted apart").isEqualTo(4);
    assertThat(lastSecond.getRecentHttpErrorCount()).isEqualTo(4);
    assertThat(lastSecond.getRecentOkCount()).isZero();
    assertThat(lastSecond.getRecentLatencyP50Ms()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(0.1));
    assertThat(lastSecond.getFaultType()).as("not labeled yet").isEqualTo("unknown");
    assertThat(lastSecond.getIsTransition()).isFalse();
    assertThat(labeler.labeledEarly.isEmpty()).as("nothing is labeled before its grace").isTrue();
    assertThat(labeler.output.isEmpty()).isTrue();
  }

  @Test
  void theLabeledRowHasTheLiveRowsFeaturesAndTheLabelOfItsOwnSpan() {
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    labeler.assign("node-1", 1, "500-error", 10, 40, Map.of());
    faultAtTenSeconds(20);
    labeler.advanceTo(30);

    Map<java.time.Instant, LabeledWindow> live = byEnd(labeler.early.readValuesToList());
    Map<java.time.Instant, LabeledWindow> labeled = byEnd(labeler.labeledEarly.readValuesToList());
    assertThat(labeled.keySet()).containsAll(List.of(LabelerDriver.at(11), LabelerDriver.at(13), LabelerDriver.at(20)));
    for (java.time.Instant end : labeled.keySet()) {
      assertThat(withoutLabel(labeled.get(end))).as("window ending %s", end).isEqualTo(withoutLabel(live.get(end)));
    }
    assertThat(labeled.get(LabelerDriver.at(11)).getTransitionReason()).as("[8, 11) is a third benign").isEqualTo("assignment-change");
    LabeledWindow whole = labeled.get(LabelerDriver.at(13));
    assertThat(whole.getFaultType()).isEqualTo("500-error");
    assertThat(whole.getIsTransition()).isFalse();
    assertThat(whole.getRunId()).isEqualTo("run-t");
    assertThat(whole.getHttpErrorCount()).isEqualTo(12);
  }

  @Test
  void anObservationThatArrivesAfterItsWindowWentOutIsNotAddedToItLater() {
    labeler.assign("node-1", 0, "benign", 0, 40, Map.of());
    labeler.request("node-1", 5.5, 2, Outcome.OK, 200);
    labeler.request("node-1", 8.2, 2, Outcome.OK, 200); // stream time 8.2: [5, 8) goes out with one request
    labeler.request("node-1", 7.0, 5000, Outcome.TIMEOUT, null); // sent at 7 s, reported a timeout later
    labeler.advanceTo(30);

    LabeledWindow labeled = byEnd(labeler.labeledEarly.readValuesToList()).get(LabelerDriver.at(8));
    assertThat(labeled.getRequestCount()).as("what the detector was shown live").isEqualTo(1);
    assertThat(byEnd(labeler.labeledEarly.readValuesToList())).isEmpty(); // read once above
    assertThat(labeler.row("node-1", 5).getTimeoutCount()).as("the tumbling window waits for it").isEqualTo(1);
  }

  @Test
  void aRequestCountsWhenItsAnswerCameAndTheLabelCoversTheTimeSinceItWasSent() {
    labeler.assign("node-1", 0, "delay", 0, 10, Map.of("delay_ms", 6500.0));
    labeler.assign("node-1", 1, "benign", 10, 40, Map.of());
    labeler.request("node-1", 8.0, 5000, Outcome.TIMEOUT, null); // sent under the delay, known at 13 s
    for (double t = 10; t < 16; t += 0.25) {
      labeler.request("node-1", t, 2, Outcome.OK, 200);
    }
    labeler.advanceTo(30);

    Map<java.time.Instant, LabeledWindow> labeled = byEnd(labeler.labeledEarly.readValuesToList());
    LabeledWindow withTheTimeout = labeled.get(LabelerDriver.at(14)); // [11, 14)
    assertThat(withTheTimeout.getTimeoutCount()).isEqualTo(1);
    assertThat(withTheTimeout.getIsTransition()).as("its timeout was sent under the delay").isTrue();
    assertThat(labeled.get(LabelerDriver.at(17)).getTimeoutCount()).isEqualTo(0);
    assertThat(labeled.get(LabelerDriver.at(17)).getFaultType()).isEqualTo("benign");
    assertThat(labeled.get(LabelerDriver.at(17)).getIsTransition()).isFalse();
  }

  @Test
  void aFaultTheNodeNeverConfirmedIsMarkedInTheEarlyRowsToo() {
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    labeler.assignUnconfirmed("node-1", 1, "500-error", 10, 40, Map.of());
    for (double t = 5; t < 20; t += 0.25) {
      labeler.request("node-1", t, 2, Outcome.OK, 200);
    }
    labeler.advanceTo(30);

    Map<java.time.Instant, LabeledWindow> labeled = byEnd(labeler.labeledEarly.readValuesToList());
    LabeledWindow row = labeled.get(LabelerDriver.at(15));
    assertThat(row.getFaultType()).isEqualTo("500-error");
    assertThat(row.getTransitionReason()).isEqualTo("fault-not-applied");
    LabeledWindow cut = labeled.get(LabelerDriver.at(12.5)); // [9.5, 12.5): mostly the fault, cut by its onset
    assertThat(cut.getLabelPurity()).isLessThan(1.0);
    assertThat(cut.getTransitionReason()).as("assignment-change would say nothing else is wrong with it")
        .isEqualTo("fault-not-applied");
  }

  @Test
  void noEarlyWindowsWhenTheyAreTurnedOff() {
    labeler.close();
    labeler = new LabelerDriver(Map.of(LabelerConfig.EARLY_WINDOW_MS, 0L));
    labeler.assign("node-1", 0, "benign", 0, 40, Map.of());
    faultAtTenSeconds(20);
    labeler.advanceTo(30);

    assertThat(labeler.early.isEmpty()).isTrue();
    assertThat(labeler.labeledEarly.isEmpty()).isTrue();
    assertThat(labeler.rows("node-1")).isNotEmpty();
  }

  private static Map<java.time.Instant, LabeledWindow> byEnd(List<LabeledWindow> rows) {
    Map<java.time.Instant, LabeledWindow> byEnd = new java.util.HashMap<>();
    rows.stream().filter(r -> r.getNodeId().equals("node-1")).forEach(r -> byEnd.put(r.getWindowEnd(), r));
    return byEnd;
  }

  /** The row's values with its label columns left out. */
  private static List<Object> withoutLabel(LabeledWindow row) {
    return row.getSchema().getFields().stream().filter(f -> !LABEL_FIELDS.contains(f.name())).map(Schema.Field::pos)
        .map(row::get).toList();
  }
}
