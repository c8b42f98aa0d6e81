package dev.twlb.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twlb.scheduler.FaultMix;
import dev.twlb.schemas.FaultType;
import dev.twlb.scheduler.Intensities;
import dev.twlb.schemas.FaultAssignment;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EpochPlannerTest {
  private static final List<String> NODES = IntStream.rangeClosed(1, 15).mapToObj(i -> "node-" + i).toList();
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  static EpochPlanner planner(long seed) {
    return new EpochPlanner(seed, "run-x", NODES, 3, FaultMix.uniform(), EpochPlanner.Draw.DECK, Intensities.defaults());
  }

  @Test
  void aPlanIsNamedNodeByNodeUnlessItHasManyFaultyNodes() {
    List<FaultAssignment> few = planner(42).plan(0, FROM, FROM.plusSeconds(60));
    assertThat(EpochScheduler.summarize(few)).isEqualTo(EpochScheduler.describe(few)).contains("=").doesNotContain("faulty");
    List<String> many = IntStream.rangeClosed(1, 500).mapToObj(i -> "node-" + i).toList();
    List<FaultAssignment> plan = new EpochPlanner(42, "run-x", many, 100, FaultMix.uniform(), EpochPlanner.Draw.DECK,
        Intensities.defaults()).plan(0, FROM, FROM.plusSeconds(60));
    String line = EpochScheduler.summarize(plan);
    assertThat(line).startsWith("100 faulty: 500-error=").doesNotContain("node-");
    assertThat(java.util.Arrays.stream(line.substring(line.indexOf(':') + 2).split(" "))
        .mapToInt(entry -> Integer.parseInt(entry.substring(entry.indexOf('=') + 1))).sum()).isEqualTo(100);
  }

  @Test
  void sameSeedSamePlans() {
    for (long epoch = 0; epoch < 20; epoch++) {
      assertThat(planner(42).plan(epoch, FROM, FROM.plusSeconds(60)))
          .isEqualTo(planner(42).plan(epoch, FROM, FROM.plusSeconds(60)));
    }
  }

  @Test
  void otherSeedsOrEpochsGiveOtherPlans() {
    Set<List<String>> plans = new HashSet<>();
    for (long epoch = 0; epoch < 10; epoch++) {
      plans.add(planner(42).plan(epoch, FROM, FROM).stream().map(a -> a.getNodeId() + a.getFaultType() + a.getParams()).toList());
    }
    assertThat(plans).hasSize(10);
    assertThat(planner(43).plan(0, FROM, FROM)).isNotEqualTo(planner(42).plan(0, FROM, FROM));
  }

  @Test
  void oneAssignmentPerNodeWithExactlyKFaultyAndParamsInRange() {
    Intensities defaults = Intensities.defaults();
    for (long epoch = 0; epoch < 50; epoch++) {
      List<FaultAssignment> plan = planner(7).plan(epoch, FROM, FROM.plusSeconds(60));
      assertThat(plan).extracting(FaultAssignment::getNodeId).containsExactlyElementsOf(NODES);
      assertThat(plan).filteredOn(a -> !a.getFaultType().equals("benign")).hasSize(3);
      for (FaultAssignment a : plan) {
        assertThat(a.getEpochId()).isEqualTo(epoch);
        assertThat(a.getSeed()).isEqualTo(7);
        assertThat(a.getRunId()).isEqualTo("run-x");
        assertThat(a.getEffectiveUntilMs()).isEqualTo(FROM.plusSeconds(60));
        FaultType type = FaultType.of(a.getFaultType());
        assertThat(a.getParams().keySet()).isEqualTo(type.defaultRanges().keySet());
        a.getParams().forEach((param, value) -> assertThat(value)
            .isBetween(defaults.range(type, param).min(), defaults.range(type, param).max()));
      }
    }
  }

  @Test
  void everyFaultOfTheMixShowsUpOverManyEpochs() {
    Set<String> seen = new HashSet<>();
    for (long epoch = 0; epoch < 200; epoch++) {
      planner(1).plan(epoch, FROM, FROM).forEach(a -> seen.add(a.getFaultType()));
    }
    assertThat(seen).hasSize(FaultType.values().length);
  }

  @Test
  void tooManyFaultyNodesIsRefused() {
    assertThatThrownBy(() -> new EpochPlanner(1, "r", NODES, 16, FaultMix.uniform(), EpochPlanner.Draw.DECK, Intensities.defaults()))
        .hasMessageContaining("16 of 15");
  }
}
