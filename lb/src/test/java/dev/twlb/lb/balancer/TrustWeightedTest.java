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
    shareOf(1_500, node -> new Answer(Outcome.OK, 5)); // healed 30 s ago: distrust fades, the probes succeed
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
    shareOf(1_500, node -> new Answer(Outcome.OK, node.equals(FAULTY) ? 8 : 5)); // the fault ended
    assertThat(shareOf(1_000, node -> new Answer(Outcome.OK, node.equals(FAULTY) ? 8 : 5)))
        .as("8 ms against 5 ms is no fault").isGreaterThan(0.07);
  }

  @Test
  void aNodeThatHangsLosesItsShareBeforeItsFirstTimeout() {
    shareOf(500, node -> new Answer(Outcome.OK, 5));
    NodeAddress hung = null;
    while (hung == null) { // the next request that goes to FAULTY hangs: it stays in flight
      Strategy.Choice choice = strategy.choose(null);
      clock.addAndGet(20_000_000L);
      if (choice.node().equals(FAULTY)) {
        hung = choice.node();
      } else {
        strategy.finished(choice.node(), Outcome.OK, 5);
      }
    }
    assertThat(shareOf(250, node -> new Answer(Outcome.OK, 5))).as("while its request hangs, for 5 s").isLessThan(0.01);
  }

  @Test
  void picksOfADistrustedNodeAreProbesAndARetryAvoidsTheFailedNode() {
    for (int i = 0; i < 30; i++) {
      strategy.finished(FAULTY, Outcome.HTTP_ERROR, 1);
    }
    int probes = 0;
    for (int i = 0; i < 20_000; i++) {
      Strategy.Choice choice = strategy.choose(null);
      assertThat(choice.probe()).isEqualTo(choice.node().equals(FAULTY));
      probes += choice.probe() ? 1 : 0;
      assertThat(strategy.choose(NODES.get(1)).node()).isNotEqualTo(NODES.get(1));
    }
    assertThat(probes).as("at the floor: 0.005 / (9 + 0.005) of the picks").isBetween(2, 30);
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
      clock.addAndGet(20_000_000L);
      Answer answer = behaviour.apply(node);
      strategy.finished(node, answer.outcome(), answer.latencyMs());
    }
    return picks.getOrDefault(FAULTY, 0) / (double) requests;
  }
}
