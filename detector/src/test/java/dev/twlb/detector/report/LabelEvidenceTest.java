package dev.twlb.detector.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.detector.SyntheticWindows;
import dev.twlb.schemas.LabeledWindow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelEvidenceTest {
  @Test
  void aRandomFaultWithoutItsSignIsJudgedOnlyWhereItsRequestsCouldTell() {
    LabeledWindow template = SyntheticWindows.epochs("r", 1, 1).get(0);
    List<LabeledWindow> rows = new ArrayList<>();
    // intermittent-error at its lowest rate, 10%: no error in 12 requests has 28% odds, in 40 requests 1.5%
    for (int w = 0; w < 4; w++) {
      rows.add(window(template, "node-1", 3, 1)); // showing, however few its requests
      rows.add(window(template, "node-2", 3, 0)); // 12 requests, no error: too few to tell
      rows.add(window(template, "node-3", 10, 0)); // 40 requests, no error: judged, not showing
    }
    LabelEvidence evidence = new LabelEvidence(r -> true);
    rows.forEach(evidence::add);

    assertThat(evidence.classes()).singleElement().satisfies(c -> {
      assertThat(c.faultType()).isEqualTo("intermittent-error");
      assertThat(c.nodeEpochs()).as("node-1 and node-3").isEqualTo(2);
      assertThat(c.showing()).isEqualTo(1);
      assertThat(c.tooFewRequests()).as("node-2").isEqualTo(1);
    });
    assertThat(LabelEvidence.line(evidence.classes())).contains("intermittent-error 1/2 (BELOW 95%) (+1 with too few requests to tell)");
  }

  private static LabeledWindow window(LabeledWindow template, String node, long requests, long errors) {
    return LabeledWindow.newBuilder(template).setNodeId(node).setEpochId(0L).setFaultType("intermittent-error")
        .setIsTransition(false).setRequestCount(requests).setHttpErrorCount(errors).setError500Count(errors).build();
  }

  @Test
  void aClassShowsWhereItsNodeEpochsMeasuredItsSignAndIsFlaggedWhereTheyDidNot() {
    List<LabeledWindow> rows = new ArrayList<>(SyntheticWindows.epochs("r", 4, 1)); // benign, 500-error, crash, delay
    // a 500-error epoch of a node that answered 200: labeled, not shown
    rows.replaceAll(r -> r.getFaultType().equals("500-error") && r.getEpochId() == 0 && r.getNodeId().equals("node-2")
        ? LabeledWindow.newBuilder(r).setHttpErrorCount(0).setError500Count(0).build() : r);
    // a slow node-epoch whose median window is above every benign one, and one that is not
    for (int w = 0; w < 3; w++) {
      rows.add(LabeledWindow.newBuilder(rows.get(0)).setNodeId("node-9").setEpochId(0L).setFaultType("slow")
          .setLatencyP50Ms(w == 0 ? 1.0 : 800.0).build());
      rows.add(LabeledWindow.newBuilder(rows.get(0)).setNodeId("node-9").setEpochId(1L).setFaultType("slow")
          .setLatencyP50Ms(w == 0 ? 800.0 : 1.0).build());
    }
    // transitions and unknown labels never count
    rows.add(LabeledWindow.newBuilder(rows.get(0)).setNodeId("node-8").setFaultType("delay").setIsTransition(true).build());
    rows.add(LabeledWindow.newBuilder(rows.get(0)).setNodeId("node-8").setEpochId(2L).setFaultType("unknown").build());

    LabelEvidence evidence = new LabelEvidence(r -> true);
    rows.forEach(evidence::add);

    assertThat(evidence.classes()).extracting(LabelEvidence.ClassEvidence::faultType, LabelEvidence.ClassEvidence::showing,
            LabelEvidence.ClassEvidence::nodeEpochs)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("delay", 4L, 4L),
            org.assertj.core.groups.Tuple.tuple("crash", 4L, 4L),
            org.assertj.core.groups.Tuple.tuple("500-error", 3L, 4L),
            org.assertj.core.groups.Tuple.tuple("slow", 1L, 2L));
    assertThat(LabelEvidence.line(evidence.classes())).contains("500-error 3/4 (BELOW 95%)", "delay 4/4,");
  }

  @Test
  void anEpochOfManyBenignNodesIsItsOwnBaseline() {
    LabeledWindow template = SyntheticWindows.epochs("r", 1, 1).get(0);
    List<LabeledWindow> rows = new ArrayList<>();
    for (int node = 1; node <= LabelEvidence.EPOCH_BENIGN_MIN; node++) {
      for (long epoch = 1; epoch <= 2; epoch++) { // a busy minute, then a quiet one
        rows.add(LabeledWindow.newBuilder(template).setNodeId("node-" + node).setEpochId(epoch).setFaultType("benign")
            .setIsTransition(false).setLatencyP50Ms(epoch == 1 ? 1000.0 : 10.0).build());
      }
    }
    rows.add(LabeledWindow.newBuilder(template).setNodeId("node-99").setEpochId(2L).setFaultType("slow")
        .setIsTransition(false).setLatencyP50Ms(300.0).build());
    rows.add(LabeledWindow.newBuilder(template).setNodeId("node-99").setEpochId(0L).setFaultType("slow")
        .setIsTransition(false).setLatencyP50Ms(300.0).build()); // an epoch without benign nodes: the run's baseline

    LabelEvidence evidence = new LabelEvidence(r -> true);
    rows.forEach(evidence::add);

    assertThat(evidence.classes()).singleElement().satisfies(c -> {
      assertThat(c.faultType()).isEqualTo("slow");
      assertThat(c.nodeEpochs()).isEqualTo(2);
      assertThat(c.showing()).as("above its quiet epoch's benign nodes, not above the busy one's").isEqualTo(1);
    });
  }

  @Test
  void theNewestEpochOfALiveRunIsJudgedOnlyOnceItIsWrittenWhole() {
    List<LabeledWindow> rows = new ArrayList<>(SyntheticWindows.epochs("r", 4, 1));
    long newest = rows.stream().mapToLong(LabeledWindow::getEpochId).max().orElseThrow();
    List<LabeledWindow> written = new ArrayList<>(rows.stream().filter(r -> r.getEpochId() < newest).toList());
    // the newest epoch's first window of each node so far, none of them showing its fault yet
    rows.stream().filter(r -> r.getEpochId() == newest).collect(java.util.stream.Collectors.toMap(LabeledWindow::getNodeId, r -> r, (a, b) -> a))
        .values().forEach(r -> written.add(LabeledWindow.newBuilder(r).setHttpErrorCount(0).setTimeoutCount(0).setConnectErrorCount(0)
            .setScrapeUpRatio(1.0).setBadResponseCount(0).build()));

    LabelEvidence live = new LabelEvidence(r -> true);
    written.forEach(live::add);
    LabelEvidence whole = new LabelEvidence(r -> true);
    rows.forEach(whole::add);

    assertThat(live.classes()).allSatisfy(c -> assertThat(c.belowTarget()).as(c.faultType()).isFalse());
    assertThat(live.classes().stream().mapToLong(LabelEvidence.ClassEvidence::nodeEpochs).sum())
        .isLessThan(whole.classes().stream().mapToLong(LabelEvidence.ClassEvidence::nodeEpochs).sum());
    assertThat(whole.classes()).allSatisfy(c -> assertThat(c.showing()).isEqualTo(c.nodeEpochs()));
  }
}
