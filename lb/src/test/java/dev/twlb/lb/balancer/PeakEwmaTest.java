package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Finagle's Peak EWMA decisions on crafted latencies, on a clock the test moves. */
class PeakEwmaTest {
  private static final List<NodeAddress> NODES = NodeList.numbered(3, "localhost", 7001);
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
  private final PeakEwma strategy = new PeakEwma(NODES, new SplittableRandom(7), clock::get);

  @Test
  void aHigherLatencyReplacesTheEstimateAtOnceAndALowerOneDecaysInWithTime() {
    answer(0, 100);
    assertThat(strategy.cost(0, clock.get())).isCloseTo(100, within(1e-9));
    clock.addAndGet(SECOND);
    answer(0, 10); // weight e^(-1/10) on the old estimate
    double w = Math.exp(-0.1);
    assertThat(strategy.cost(0, clock.get())).isCloseTo(100 * w + 10 * (1 - w), within(1e-6));
    answer(0, 500);
    assertThat(strategy.cost(0, clock.get())).as("the peak").isCloseTo(500, within(1e-9));
  }

  @Test
  void requestsInFlightMultiplyTheCostAndANodeWithoutHistoryButInFlightIsPenalised() {
    answer(1, 20);
    NodeAddress held = pickUntil(1); // one request in flight on node-2
    assertThat(held.id()).isEqualTo("node-2");
    assertThat(strategy.cost(1, clock.get())).isCloseTo(40, within(1e-9));
    NodeAddress fresh = pickUntil(2); // node-3: in flight, never measured
    assertThat(fresh.id()).isEqualTo("node-3");
    assertThat(strategy.cost(2, clock.get())).isGreaterThan(1e8);
  }

  @Test
  void aSlowNodeGetsFarLessThanItsShareAndIsTriedAgainOnceItsEstimateDecays() {
    answer(0, 3_000); // node-1 answered in 3 s, the others in 5 ms
    answer(1, 5);
    answer(2, 5);
    Map<String, Integer> picks = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      NodeAddress node = strategy.pick();
      picks.merge(node.id(), 1, Integer::sum);
      strategy.finished(node, Outcome.OK, node.id().equals("node-1") ? 3_000 : 5);
      clock.addAndGet(SECOND / 100);
    }
    assertThat(picks.getOrDefault("node-1", 0)).as("of 300, a fair share is 100").isLessThan(10);
    clock.addAndGet(120 * SECOND); // two minutes without a measurement: the estimate decays toward 0
    assertThat(strategy.cost(0, clock.get())).isLessThan(1.0);
  }

  private void answer(int node, double latencyMs) {
    strategy.finished(NODES.get(node), Outcome.OK, latencyMs);
  }

  /** Picks until {@code node} comes up (two random choices); the other picks stay in flight. */
  private NodeAddress pickUntil(int node) {
    while (true) {
      NodeAddress picked = strategy.pick();
      if (picked.equals(NODES.get(node))) {
        return picked;
      }
    }
  }
}
