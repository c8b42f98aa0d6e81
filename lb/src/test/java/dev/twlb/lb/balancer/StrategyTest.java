package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StrategyTest {
  private static final List<NodeAddress> NODES = NodeList.numbered(3, "localhost", 7001);

  @Test
  void roundRobinTakesEachNodeInTurn() {
    Strategy strategy = Strategy.create(Strategy.Name.ROUND_ROBIN, NODES, new SplittableRandom(1));
    assertThat(IntStream.range(0, 6).mapToObj(i -> strategy.pick().id()).toList())
        .containsExactly("node-1", "node-2", "node-3", "node-1", "node-2", "node-3");
  }

  @Test
  void aRetryOfRoundRobinOrRandomGoesToAnotherNodeThanTheFailedOne() {
    Strategy roundRobin = Strategy.create(Strategy.Name.ROUND_ROBIN, NODES, new SplittableRandom(1));
    Strategy random = Strategy.create(Strategy.Name.RANDOM, NODES, new SplittableRandom(1));
    for (int i = 0; i < 300; i++) {
      NodeAddress failed = NODES.get(i % 3);
      roundRobin.pick(); // other requests move the rotation on in between
      assertThat(roundRobin.pickOtherThan(failed)).isNotEqualTo(failed);
      assertThat(random.pickOtherThan(failed)).isNotEqualTo(failed);
    }
  }

  @Test
  void randomSpreadsOverAllNodes() {
    Strategy strategy = Strategy.create(Strategy.Name.RANDOM, NODES, new SplittableRandom(1));
    Map<String, Integer> counts = new HashMap<>();
    IntStream.range(0, 3000).forEach(i -> counts.merge(strategy.pick().id(), 1, Integer::sum));
    assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(850, 1150));
  }

  @Test
  void leastOutstandingAvoidsTheNodeThatHoldsRequests() {
    Strategy strategy = Strategy.create(Strategy.Name.LEAST_OUTSTANDING, NODES, new SplittableRandom(1));
    NodeAddress stuck = strategy.pick(); // never finishes, like a delayed node
    for (int i = 0; i < 10; i++) {
      NodeAddress picked = strategy.pick();
      assertThat(picked).isNotEqualTo(stuck);
      strategy.finished(picked, Outcome.OK, 1.0);
    }
  }

  @Test
  void leastOutstandingSpreadsWhenAllAreEqual() {
    Strategy strategy = Strategy.create(Strategy.Name.LEAST_OUTSTANDING, NODES, new SplittableRandom(1));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      NodeAddress picked = strategy.pick();
      counts.merge(picked.id(), 1, Integer::sum);
      strategy.finished(picked, Outcome.OK, 1.0);
    }
    assertThat(counts).containsOnly(Map.entry("node-1", 10), Map.entry("node-2", 10), Map.entry("node-3", 10));
  }

  @Test
  void namesParseAndUnknownOnesAreListed() {
    assertThat(Strategy.Name.of("least-outstanding")).isEqualTo(Strategy.Name.LEAST_OUTSTANDING);
    assertThatThrownBy(() -> Strategy.Name.of("fastest")).hasMessageContaining("round-robin, random, least-outstanding, p2c-ewma, outlier-ejection, trust-weighted");
    assertThatThrownBy(() -> Strategy.create(Strategy.Name.RANDOM, List.of(), new SplittableRandom()))
        .hasMessageContaining("at least one node");
  }
}
