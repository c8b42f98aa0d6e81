package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultDetection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyVerdictsTest {
  private static FaultDetection raw(String node, String fault) {
    return FaultDetection.newBuilder().setNodeId(node).setWindowStart(Instant.EPOCH).setWindowEnd(Instant.EPOCH)
        .setPredictedFault(fault).setScore(0.9).setModelId("m").setDetectedAt(Instant.EPOCH).build();
  }

  private static List<String> published(SteadyVerdicts steady, String node, String... raws) {
    List<String> out = new ArrayList<>();
    for (String r : raws) {
      out.add(steady.steady(raw(node, r)).getPredictedFault());
    }
    return out;
  }

  @Test
  void aClassIsPublishedOnceSeenInTwoWindowsInARow() {
    SteadyVerdicts steady = new SteadyVerdicts(2);
    assertThat(published(steady, "node-1", "benign", "crash", "benign", "crash", "crash", "crash", "benign", "benign"))
        .containsExactly("benign", "benign", "benign", "benign", "crash", "crash", "crash", "benign");
  }

  @Test
  void theFaultNamedIsTheLatestWindowsOnceTwoInARowLookFaulty() {
    SteadyVerdicts steady = new SteadyVerdicts(2);
    assertThat(published(steady, "node-1", "benign", "intermittent-error", "500-error", "500-error", "crash", "benign", "500-error"))
        .containsExactly("benign", "benign", "500-error", "500-error", "crash", "crash", "crash");
  }

  @Test
  void threeWindowsAskForThreeInARow() {
    SteadyVerdicts steady = new SteadyVerdicts(3);
    assertThat(published(steady, "node-1", "slow", "delay", "benign", "slow", "delay", "delay", "benign", "benign", "benign"))
        .containsExactly("benign", "benign", "benign", "benign", "benign", "delay", "delay", "delay", "benign");
  }

  @Test
  void nodesAreHeldApartAndAHeldVerdictHasScoreZero() {
    SteadyVerdicts steady = new SteadyVerdicts(2);
    steady.steady(raw("node-1", "slow"));
    FaultDetection held = steady.steady(raw("node-2", "slow"));
    assertThat(held.getPredictedFault()).isEqualTo("benign");
    assertThat(held.getScore()).isZero();
    assertThat(steady.steady(raw("node-1", "slow")).getScore()).isEqualTo(0.9);
  }

  @Test
  void oneWindowPublishesEveryVerdictAsItIs() {
    assertThat(published(new SteadyVerdicts(1), "node-1", "benign", "crash", "benign")).containsExactly("benign", "crash", "benign");
  }
}
