package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Trust from the balancer's own evidence, on crafted outcomes: a faulty node's share falls, a recovered one's returns. */
class TrustWeightedTest {
  private static final List<NodeAddress> NODES = NodeList.numbered(10, "localhost", 7001);
  private static final NodeAddress FAULTY = NODES.get(4);

  /** 50 requests a second: the clock moves 20 ms per request. */
  private final AtomicLong clock = new AtomicLong();
  private final TrustWeighted strategy = new TrustWeighted(NODES, new SplittableRandom(3), clock::get);

  record Answer(Outcome outcome, double latencyMs) {}

  @Test
  void aCorruptNodeFallsUnderTenPercentOfItsShareAndComesBackWhenItHeals() {
    Function<NodeAddress, Answer> corrupt = node -> node.equals(FAULTY) ? new Answer(Outcome.BAD_RESPONSE, 5) : new Answer(Outcome.OK, 5);
    assertThat(shareOf(250, corrupt)).as("its first 5 s").isLessThan(0.1);
    assertThat(shareOf(2_000, corrupt)).as("then: a tenth of a fair share (10%) is 1%").isLessThan(0.01);
    shareOf(250, node -> new Answer(Outcome.OK, 5)); // healed 5 s ago: the probes succeed
    assertThat(strategy.trust(FAULTY)).isGreaterThan(0.9);
    assertThat(shareOf(1_000, node -> new Answer(Outcome.OK, 5))).isGreaterThan(0.07);
  }

  @Test
  void errorsTimeoutsAndRefusalsAllCostTrust() {
    for (Outcome bad : List.of(Outcome.HTTP_ERROR, Outcome.TIMEOUT, Outcome.CONNECT_ERROR, Outcome.RESET)) {
      TrustWeighted fresh = new TrustWeighted(NODES, new SplittableRandom(3), clock::get);
      for (int i = 0; i < 20; i++) {
        fresh.finished(FAULTY, bad, bad == Outcome.TIMEOUT ? 5_000 : 1);
      }
      assertThat(fresh.trust(FAULTY)).as(bad.name()).isLessThan(0.05);
    }
  }

  @Test
  void aNodeThatAnswersCorrectlyButFarSlowerThanTheMedianLosesItsShare() {
    Function<NodeAddress, Answer> slow = node -> new Answer(Outcome.OK, node.equals(FAULTY) ? 3_500 : 5);
    shareOf(250, slow);
    assertThat(shareOf(2_000, slow)).as("lie-latency or slow: right answers, 700 times slower").isLessThan(0.01);
    shareOf(250, node -> new Answer(Outcome.OK, node.equals(FAULTY) ? 8 : 5)); // the fault ended 5 s ago
    assertThat(shareOf(1_000, node -> new Answer(Outcome.OK, node.equals(FAULTY) ? 8 : 5)))
        .as("8 ms against 5 ms is no fault").isGreaterThan(0.07);
  }

  @Test
  void aNodeThatHangsLosesItsShareBeforeItsFirstTimeout() {
    shareOf(500, node -> new Answer(Outcome.OK, 5));
    NodeAddress hung = null;
    while (hung == null) { // the next request that goes to FAULTY hangs: it stays in flight
      NodeAddress node = strategy.pick();
      clock.addAndGet(20_000_000L);
      if (node.equals(FAULTY)) {
        hung = node;
      } else {
        strategy.finished(node, Outcome.OK, 5);
      }
    }
    assertThat(shareOf(250, node -> new Answer(Outcome.OK, 5))).as("while its request hangs, for 5 s").isLessThan(0.01);
  }

  @Test
  void aDistrustedNodeGetsNoClientRequestsButFourProbesASecondAndARetryAvoidsTheFailedNode() {
    for (int i = 0; i < 30; i++) {
      strategy.finished(FAULTY, Outcome.HTTP_ERROR, 1);
    }
    int probes = 0;
    for (int i = 0; i < 500; i++) { // 10 s
      assertThat(strategy.pick()).isNotEqualTo(FAULTY);
      assertThat(strategy.pickOtherThan(NODES.get(1))).isNotEqualTo(NODES.get(1));
      NodeAddress probed = strategy.probe();
      assertThat(probed).isIn(null, FAULTY);
      if (probed != null) {
        probes++;
        assertThat(strategy.probe()).as("one probe at a time").isNull();
        strategy.finished(FAULTY, Outcome.HTTP_ERROR, 1);
      }
      clock.addAndGet(20_000_000L);
    }
    assertThat(probes).as("every 13th request, 20 ms apart: the first 260 ms after 250 ms").isEqualTo(39);
  }

  @Test
  void aDetectorsVerdictLowersTrustAndFades() {
    strategy.verdict(FAULTY.id(), true, 1.0);
    assertThat(strategy.trust(FAULTY)).isEqualTo(1 - TrustWeighted.VERDICT_WEIGHT);
    clock.addAndGet(TrustWeighted.FORGIVE_NANOS * 5);
    assertThat(strategy.trust(FAULTY)).isGreaterThan(0.99);
    strategy.verdict(FAULTY.id(), true, 1.0);
    strategy.verdict(FAULTY.id(), false, 0.9);
    assertThat(strategy.trust(FAULTY)).as("a later benign verdict clears it").isEqualTo(1.0);
  }

  /** Sends {@code requests} through the strategy, each answered at once by {@code behaviour}; returns FAULTY's share. */
  private double shareOf(int requests, Function<NodeAddress, Answer> behaviour) {
    Map<NodeAddress, Integer> picks = new HashMap<>();
    for (int i = 0; i < requests; i++) {
      NodeAddress node = strategy.pick();
      picks.merge(node, 1, Integer::sum);
      NodeAddress probed = strategy.probe(); // as the balancer does: a copy to a distrusted node, now and then
      clock.addAndGet(20_000_000L);
      Answer answer = behaviour.apply(node);
      strategy.finished(node, answer.outcome(), answer.latencyMs());
      if (probed != null) {
        Answer probeAnswer = behaviour.apply(probed);
        strategy.finished(probed, probeAnswer.outcome(), probeAnswer.latencyMs());
      }
    }
    return picks.getOrDefault(FAULTY, 0) / (double) requests;
  }
}
