package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Envoy's outlier detection rules on crafted outcome sequences, with Envoy's defaults, on a clock the test moves. */
class OutlierEjectionTest {
  private static final long SECOND = 1_000_000_000L;
  private final AtomicLong clock = new AtomicLong(0);

  private OutlierEjection strategy(int nodes) {
    return new OutlierEjection(NodeList.numbered(nodes, "localhost", 7001), OutlierEjection.Settings.ENVOY, clock::get);
  }

  @Test
  void fiveFailuresInARowEjectForThirtySecondsTimesTimesEjected() {
    OutlierEjection lb = strategy(10);
    NodeAddress bad = NodeList.numbered(10, "localhost", 7001).get(3);
    fail(lb, bad, Outcome.HTTP_ERROR, 4);
    lb.finished(bad, Outcome.OK, 1);
    fail(lb, bad, Outcome.HTTP_ERROR, 4);
    assertThat(lb.isEjected(bad)).as("four in a row, then a success, then four").isFalse();
    fail(lb, bad, Outcome.HTTP_ERROR, 1);
    assertThat(lb.isEjected(bad)).isTrue();
    assertThat(IntStream.range(0, 40).mapToObj(i -> lb.pick())).doesNotContain(bad);
    clock.addAndGet(30 * SECOND);
    assertThat(lb.isEjected(bad)).as("back after base_ejection_time").isFalse();
    fail(lb, bad, Outcome.TIMEOUT, 5); // local-origin failures count as 5xx, as Envoy maps them by default
    assertThat(lb.isEjected(bad)).isTrue();
    clock.addAndGet(59 * SECOND);
    assertThat(lb.isEjected(bad)).as("second ejection: 2 x 30 s").isTrue();
    clock.addAndGet(SECOND);
    assertThat(lb.isEjected(bad)).isFalse();
  }

  @Test
  void aCorruptBodyIsASuccessForEnvoyAndConnectErrorsAreFailures() {
    OutlierEjection lb = strategy(10);
    List<NodeAddress> nodes = NodeList.numbered(10, "localhost", 7001);
    fail(lb, nodes.get(0), Outcome.BAD_RESPONSE, 50);
    fail(lb, nodes.get(1), Outcome.CONNECT_ERROR, 5);
    assertThat(lb.isEjected(nodes.get(0))).isFalse();
    assertThat(lb.isEjected(nodes.get(1))).isTrue();
  }

  @Test
  void atMostTenPercentAreOutButAlwaysOne() {
    List<NodeAddress> nodes = NodeList.numbered(15, "localhost", 7001);
    OutlierEjection lb = new OutlierEjection(nodes, OutlierEjection.Settings.ENVOY, clock::get);
    fail(lb, nodes.get(0), Outcome.HTTP_ERROR, 5);
    fail(lb, nodes.get(1), Outcome.HTTP_ERROR, 5);
    assertThat(lb.isEjected(nodes.get(0))).isTrue();
    assertThat(lb.isEjected(nodes.get(1))).as("10% of 15 is one node").isFalse();
  }

  @Test
  void everyIntervalANodeFarBelowTheMeanSuccessRateIsEjectedWhenFiveNodesHaveTheVolume() {
    List<NodeAddress> nodes = NodeList.numbered(6, "localhost", 7001);
    OutlierEjection lb = new OutlierEjection(nodes, OutlierEjection.Settings.ENVOY, clock::get);
    hundredRequestsEach(lb, nodes.subList(0, 6));
    assertThat(lb.isEjected(nodes.get(5))).isFalse();
    clock.addAndGet(10 * SECOND);
    lb.pick(); // the interval's evaluation runs
    assertThat(lb.isEjected(nodes.get(5))).isTrue();
    assertThat(nodes.subList(0, 5)).noneMatch(lb::isEjected);
  }

  @Test
  void withoutFiveNodesOfVolumeTheSuccessRateRuleWaits() {
    List<NodeAddress> nodes = NodeList.numbered(6, "localhost", 7001);
    OutlierEjection lb = new OutlierEjection(nodes, OutlierEjection.Settings.ENVOY, clock::get);
    hundredRequestsEach(lb, nodes.subList(2, 6));
    clock.addAndGet(10 * SECOND);
    lb.pick();
    assertThat(lb.isEjected(nodes.get(5))).as("only four nodes had 100 requests").isFalse();
  }

  @Test
  void theFailurePercentageRuleIsOffByDefaultAndEjectsAtItsThresholdWhenEnforced() {
    List<NodeAddress> nodes = NodeList.numbered(6, "localhost", 7001);
    OutlierEjection.Settings e = OutlierEjection.Settings.ENVOY;
    // the other rules out of the way: no consecutive-failure ejection, no success-rate rule (needs 100 hosts)
    OutlierEjection.Settings off = new OutlierEjection.Settings(1_000, e.intervalNanos(), e.baseEjectionNanos(),
        e.maxEjectionNanos(), 50, e.stdevFactor(), 100, e.successRateRequestVolume(), e.failurePercentageThreshold(),
        e.enforcingFailurePercentage(), e.failurePercentageMinimumHosts(), e.failurePercentageRequestVolume());
    OutlierEjection.Settings enforced = new OutlierEjection.Settings(1_000, e.intervalNanos(), e.baseEjectionNanos(),
        e.maxEjectionNanos(), 50, e.stdevFactor(), 100, e.successRateRequestVolume(), e.failurePercentageThreshold(), 100,
        e.failurePercentageMinimumHosts(), e.failurePercentageRequestVolume());
    for (OutlierEjection.Settings settings : List.of(off, enforced)) {
      OutlierEjection lb = new OutlierEjection(nodes, settings, clock::get);
      for (int r = 0; r < 84; r++) { // node-5 fails 6 of every 7 (86%), node-6 5 of every 6 (83%)
        for (int i = 0; i < 6; i++) {
          boolean fails = (i == 4 && r % 7 != 0) || (i == 5 && r % 6 != 0);
          lb.finished(nodes.get(i), fails ? Outcome.RESET : Outcome.OK, 1);
        }
      }
      clock.addAndGet(10 * SECOND);
      lb.pick();
      assertThat(lb.isEjected(nodes.get(4))).as("86%% failed, enforcing %d%%", settings.enforcingFailurePercentage())
          .isEqualTo(settings == enforced);
      assertThat(lb.isEjected(nodes.get(5))).as("83%% is below the 85%% threshold").isFalse();
    }
  }

  /** 100 requests to each node; the last fails every third one: never five in a row, so only the success-rate rule can catch it. */
  private static void hundredRequestsEach(OutlierEjection lb, List<NodeAddress> nodes) {
    for (int r = 0; r < 100; r++) {
      for (int i = 0; i < nodes.size(); i++) {
        lb.finished(nodes.get(i), i == nodes.size() - 1 && r % 3 == 0 ? Outcome.HTTP_ERROR : Outcome.OK, 1);
      }
    }
  }

  private static void fail(OutlierEjection lb, NodeAddress node, Outcome outcome, int times) {
    for (int i = 0; i < times; i++) {
      lb.finished(node, outcome, 1);
    }
  }
}
