package dev.twlb.labeler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LabelerTopologyTest {
  private final LabelerDriver labeler = new LabelerDriver();

  @AfterEach
  void close() {
    labeler.close();
  }

  @Test
  void labelsAreLookedUpByTimeEvenWhenAssignmentsArriveOutOfOrder() {
    labeler.assign("node-1", 1, "delay", 10, 20, Map.of("delay_ms", 6500.0));
    labeler.assign("node-1", 0, "benign", 0, 10, Map.of());
    for (double t = 5.5; t < 15; t += 1) {
      labeler.request("node-1", t, t < 10 ? 3 : 5000, t < 10 ? Outcome.OK : Outcome.TIMEOUT, t < 10 ? 200 : null);
    }
    labeler.advanceTo(30);

    LabeledWindow before = labeler.row("node-1", 5);
    LabeledWindow after = labeler.row("node-1", 10);
    assertThat(before.getFaultType()).isEqualTo("benign");
    assertThat(before.getEpochId()).isZero();
    assertThat(after.getFaultType()).isEqualTo("delay");
    assertThat(after.getEpochId()).isEqualTo(1);
    assertThat(after.getRunId()).isEqualTo("run-t");
    assertThat(after.getLabelPurity()).isEqualTo(1.0);
    assertThat(after.getIsTransition()).isFalse();
    assertThat(after.getTimeoutCount()).isEqualTo(5);
    assertThat(after.getWindowEnd()).isEqualTo(LabelerDriver.at(15));
    assertThat(after.getTimestamp()).isEqualTo(after.getWindowStart());
  }

  @Test
  void aWindowStraddlingAnEpochChangeTakesTheMajorityAndIsMarked() {
    labeler.assign("node-1", 0, "benign", 0, 13, Map.of());
    labeler.assign("node-1", 1, "500-error", 13, 30, Map.of());
    labeler.request("node-1", 11, 2, Outcome.OK, 200);
    labeler.request("node-1", 14, 1, Outcome.HTTP_ERROR, 500);
    labeler.request("node-1", 16, 1, Outcome.HTTP_ERROR, 500);
    labeler.advanceTo(40);

    LabeledWindow straddling = labeler.row("node-1", 10);
    assertThat(straddling.getFaultType()).isEqualTo("benign");
    assertThat(straddling.getLabelPurity()).isCloseTo(0.6, within(1e-9));
    assertThat(straddling.getIsTransition()).isTrue();
    assertThat(straddling.getTransitionReason()).isEqualTo("assignment-change");
    assertThat(straddling.getError500Count()).isEqualTo(1);
    assertThat(labeler.row("node-1", 15).getFaultType()).isEqualTo("500-error");
    assertThat(labeler.row("node-1", 15).getIsTransition()).isFalse();
  }

  @Test
  void consecutiveEpochsWithTheSameFaultAndIntensityAreOnePureLabel() {
    labeler.assign("node-1", 0, "benign", 0, 12, Map.of());
    labeler.assign("node-1", 1, "benign", 12, 30, Map.of());
    labeler.request("node-1", 11, 2, Outcome.OK, 200);
    labeler.advanceTo(40);

    LabeledWindow row = labeler.row("node-1", 10);
    assertThat(row.getLabelPurity()).isEqualTo(1.0);
    assertThat(row.getIsTransition()).isFalse();
    assertThat(row.getEpochId()).isEqualTo(1); // 3 s of the 5 are epoch 1's
  }

  @Test
  void aCrashWindowShowsRefusalsAndNoSuccessfulScrapeAndTheNextWindowIsARecovery() {
    labeler.assign("node-1", 0, "benign", 0, 5, Map.of());
    labeler.assign("node-1", 1, "crash", 5, 10, Map.of());
    labeler.assign("node-1", 2, "benign", 10, 30, Map.of());
    for (double t = 5.2; t < 10; t += 0.5) {
      labeler.request("node-1", t, 1, Outcome.CONNECT_ERROR, null);
    }
    labeler.scrape("node-1", 6, false, null, null);
    labeler.scrape("node-1", 8, false, null, null);
    labeler.scrape("node-1", 10.1, false, null, null);
    labeler.scrape("node-1", 12, true, 0.5, 80e6);
    labeler.scrape("node-1", 14, true, 0.9, 82e6);
    labeler.scrape("node-1", 16, true, 1.3, 83e6);
    labeler.advanceTo(40);

    LabeledWindow crash = labeler.row("node-1", 5);
    assertThat(crash.getFaultType()).isEqualTo("crash");
    assertThat(crash.getIsTransition()).isFalse();
    assertThat(crash.getConnectErrorCount()).isEqualTo(10);
    assertThat(crash.getSuccessRate()).isZero();
    assertThat(crash.getScrapeUpRatio()).isZero();
    assertThat(crash.getCpuUsageRate()).isNull();
    assertThat(crash.getAvgLatencySeconds()).isNull();

    LabeledWindow recovery = labeler.row("node-1", 10);
    assertThat(recovery.getFaultType()).isEqualTo("benign");
    assertThat(recovery.getLabelPurity()).isEqualTo(1.0);
    assertThat(recovery.getIsTransition()).as("the node comes back during this window").isTrue();
    assertThat(recovery.getTransitionReason()).isEqualTo("crash-recovery");
    assertThat(recovery.getScrapeUpRatio()).isCloseTo(2 / 3.0, within(1e-9));
    assertThat(recovery.getCpuUsageRate()).isCloseTo(0.2, within(1e-9));
    assertThat(recovery.getResidentMemMb()).isCloseTo(82e6 / 1024 / 1024, within(1e-9));
    assertThat(labeler.row("node-1", 15).getIsTransition()).isFalse();
  }

  @Test
  void aNodeThatDiesOutsideACrashEpochHasTheWindowsItWasDownAndRestartingInMarked() {
    labeler.assign("node-1", 0, "slow", 0, 30, Map.of("added_ms", 500.0));
    labeler.scrape("node-1", 6, true, 1.0, 80e6, 40e6, 0.5);
    labeler.request("node-1", 7, 510, Outcome.OK, 200);
    // killed at 8.5 s: refused, then a new process (started 10.5 s) serves again
    labeler.request("node-1", 8.7, 1, Outcome.CONNECT_ERROR, null);
    labeler.scrape("node-1", 9, false, null, null);
    labeler.scrape("node-1", 11, true, 0.5, 70e6, 30e6, 10.5);
    labeler.request("node-1", 12, 530, Outcome.OK, 200);
    labeler.scrape("node-1", 16, true, 0.9, 71e6, 31e6, 10.5);
    labeler.request("node-1", 17, 505, Outcome.OK, 200);
    labeler.advanceTo(40);

    assertThat(labeler.row("node-1", 5).getTransitionReason()).as("refused while a slow node listens").isEqualTo("node-down");
    assertThat(labeler.row("node-1", 5).getIsTransition()).isTrue();
    assertThat(labeler.row("node-1", 10).getTransitionReason()).as("a new process, no crash epoch").isEqualTo("node-restart");
    assertThat(labeler.row("node-1", 15).getIsTransition()).isFalse();
    assertThat(labeler.row("node-1", 15).getTransitionReason()).isNull();
    assertThat(labeler.row("node-1", 15).getFaultType()).isEqualTo("slow");
  }

  @Test
  void aFlappingNodeRefusesByDesignAndIsNoTransition() {
    labeler.assign("node-1", 0, "flapping", 0, 30, Map.of("period_ms", 2000.0));
    labeler.request("node-1", 6, 1, Outcome.CONNECT_ERROR, null);
    labeler.scrape("node-1", 7, false, null, null);
    labeler.scrape("node-1", 8.5, true, 1.0, 80e6, 40e6, 0.5);
    labeler.advanceTo(40);

    assertThat(labeler.row("node-1", 5).getIsTransition()).isFalse();
    assertThat(labeler.row("node-1", 5).getTransitionReason()).isNull();
  }

  @Test
  void aLyingNodeShowsALargeGapBetweenObservedAndReportedLatency() {
    labeler.assign("node-1", 0, "lie-latency", 0, 30, Map.of("delay_ms", 3500.0));
    for (double t = 10.1; t < 15; t += 0.5) {
      labeler.request("node-1", t, 3500, Outcome.OK, 200);
      labeler.report("node-1", t + 0.001, 2.0);
    }
    labeler.advanceTo(40);

    LabeledWindow row = labeler.row("node-1", 10);
    assertThat(row.getFaultType()).isEqualTo("lie-latency");
    assertThat(row.getAvgLatencySeconds()).isCloseTo(3.5, within(1e-9));
    assertThat(row.getReportedLatencyMeanMs()).isCloseTo(2.0, within(1e-9));
    assertThat(row.getLatencyGapMs()).isCloseTo(3498.0, within(1e-9));
    assertThat(row.getLatencyP50Ms()).isCloseTo(3500.0, within(35.0));
    assertThat(row.getLatencyP99Ms()).isCloseTo(3500.0, within(35.0));
    assertThat(row.getReportGap()).isZero();
    assertThat(row.getRequestCount()).isEqualTo(10);
  }

  @Test
  void aRequestThatTimedOutFiveSecondsAfterItWasSentLandsInTheWindowItWasSentIn() {
    labeler.assign("node-1", 0, "delay", 0, 30, Map.of("delay_ms", 6500.0));
    labeler.advanceTo(14); // the clock is at 14 s when the timeout of a request sent at 9.9 s arrives
    labeler.request("node-1", 9.9, 5000, Outcome.TIMEOUT, null);
    labeler.advanceTo(40);

    assertThat(labeler.row("node-1", 5).getTimeoutCount()).isEqualTo(1);
    assertThat(labeler.metrics.lateRecords()).isZero();
  }

  @Test
  void recordsBeyondTheGracePeriodAreCountedAndChangeNoRow() {
    labeler.assign("node-1", 0, "benign", 0, 60, Map.of());
    labeler.request("node-1", 6, 2, Outcome.OK, 200);
    labeler.advanceTo(20); // window [5, 10) closed at 10 + 6 = 16
    labeler.request("node-1", 7, 2, Outcome.OK, 200);
    labeler.advanceTo(40);

    assertThat(labeler.row("node-1", 5).getRequestCount()).isEqualTo(1);
    assertThat(labeler.metrics.lateRecords()).as("counted, and dropped: the row holds only the first").isEqualTo(1);
    assertThat(labeler.rows("node-1")).filteredOn(r -> r.getWindowStart().toEpochMilli() == 5_000).hasSize(1);
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicWithItsOriginAndTheNextGoodRecordIsProcessed() {
    labeler.assign("node-1", 0, "benign", 0, 60, Map.of());
    byte[] poison = "{\"node_id\":\"node-1\"}".getBytes(StandardCharsets.UTF_8);
    labeler.rawRequests.pipeInput("node-1", poison, LabelerDriver.at(6));
    labeler.request("node-1", 6.5, 2, Outcome.OK, 200);
    labeler.request(null, "node-1", 6.6, 2, Outcome.OK, 200);
    labeler.advanceTo(30);

    var dead = labeler.deadLetters();
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).key()).isEqualTo("node-1");
    assertThat(dead.get(0).value()).isEqualTo(poison);
    Headers headers = dead.get(0).headers();
    assertThat(header(headers, DeadLetters.TOPIC)).isEqualTo("request-events");
    assertThat(header(headers, DeadLetters.PARTITION)).isEqualTo("0");
    assertThat(header(headers, DeadLetters.OFFSET)).isEqualTo("0");
    assertThat(header(headers, DeadLetters.REASON)).startsWith("cannot decode").contains("magic byte");
    assertThat(header(dead.get(1).headers(), DeadLetters.REASON)).contains("no key");
    assertThat(labeler.metrics.deadLetters()).isEqualTo(2);
    assertThat(labeler.row("node-1", 5).getRequestCount()).isEqualTo(1);
  }

  @Test
  void aNodeWithScrapesButNoRequestsStillGetsItsWindow() {
    labeler.assign("node-1", 0, "benign", 0, 60, Map.of());
    labeler.scrape("node-1", 11, true, 1.0, 90e6);
    labeler.scrape("node-1", 13, true, 1.5, 91e6);
    labeler.advanceTo(40);

    LabeledWindow row = labeler.row("node-1", 10);
    assertThat(row.getRequestCount()).isZero();
    assertThat(row.getSuccessRate()).isNull();
    assertThat(row.getScrapeUpRatio()).isEqualTo(1.0);
    assertThat(row.getCpuUsageRate()).isCloseTo(0.25, within(1e-9));
  }

  @Test
  void aWindowWithoutAnyAssignmentIsLabeledUnknown() {
    labeler.request("node-1", 11, 2, Outcome.OK, 200);
    labeler.advanceTo(40);

    LabeledWindow row = labeler.row("node-1", 10);
    assertThat(row.getFaultType()).isEqualTo("unknown");
    assertThat(row.getRunId()).isNull();
    assertThat(row.getLabelPurity()).isEqualTo(1.0);
  }

  private static String header(Headers headers, String key) {
    return new String(headers.lastHeader(key).value(), StandardCharsets.UTF_8);
  }
}
