package dev.twlb.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.scheduler.FaultMix;
import dev.twlb.scheduler.Intensities;
import dev.twlb.schemas.FaultAssignment;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FaultDeckTest {
  private static final List<String> NODES = IntStream.rangeClosed(1, 15).mapToObj(i -> "node-" + i).toList();
  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");

  private static Map<String, Integer> faultCounts(EpochPlanner planner, int epochs) {
    Map<String, Integer> counts = new TreeMap<>();
    for (long epoch = 0; epoch < epochs; epoch++) {
      for (FaultAssignment a : planner.plan(epoch, FROM, FROM)) {
        if (!a.getFaultType().equals("benign")) {
          counts.merge(a.getFaultType(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  private static EpochPlanner planner(long seed, int faulty, FaultMix mix, EpochPlanner.Draw draw) {
    return new EpochPlanner(seed, "run-x", NODES, faulty, mix, draw, Intensities.defaults());
  }

  @Test
  void afterAnyNumberOfEpochsEveryFaultTypeIsWithinOneOfEveryOther() {
    for (long seed = 1; seed <= 5; seed++) {
      EpochPlanner deck = planner(seed, 6, FaultMix.uniform(), EpochPlanner.Draw.DECK);
      for (int epochs = 1; epochs <= 25; epochs++) {
        Map<String, Integer> counts = faultCounts(deck, epochs);
        int dealt = epochs * 6;
        assertThat(counts.keySet()).as("types dealt after %d epochs", epochs).hasSize(Math.min(10, dealt));
        if (dealt >= 10) {
          assertThat(counts.values().stream().mapToInt(Integer::intValue).max().getAsInt()
              - counts.values().stream().mapToInt(Integer::intValue).min().getAsInt())
              .as("seed %d, %d epochs: %s", seed, epochs, counts).isLessThanOrEqualTo(1);
        }
      }
    }
  }

  @Test
  void weightsAreCopiesInTheDeck() {
    Map<String, Integer> counts = faultCounts(planner(3, 3, FaultMix.parse("delay=2,crash=1,500-error=1"), EpochPlanner.Draw.DECK), 20);
    assertThat(counts).containsEntry("delay", 30).containsEntry("crash", 15).containsEntry("500-error", 15);
  }

  @Test
  void theSameSeedDealsTheSameCardsAndAnotherSeedOthers() {
    EpochPlanner a = planner(42, 6, FaultMix.uniform(), EpochPlanner.Draw.DECK);
    EpochPlanner b = planner(42, 6, FaultMix.uniform(), EpochPlanner.Draw.DECK);
    for (long epoch = 0; epoch < 12; epoch++) {
      assertThat(a.plan(epoch, FROM, FROM)).isEqualTo(b.plan(epoch, FROM, FROM));
    }
    assertThat(planner(43, 6, FaultMix.uniform(), EpochPlanner.Draw.DECK).plan(0, FROM, FROM))
        .isNotEqualTo(a.plan(0, FROM, FROM));
  }

  @Test
  void theIndependentDrawIsStillThereAndLopsided() {
    Map<String, Integer> counts = faultCounts(planner(5, 6, FaultMix.uniform(), EpochPlanner.Draw.INDEPENDENT), 12);
    int spread = counts.values().stream().mapToInt(Integer::intValue).max().getAsInt()
        - counts.values().stream().mapToInt(Integer::intValue).min().getAsInt();
    assertThat(spread).as("independent draws of 72 faults over 10 types: %s", counts).isGreaterThan(1);
  }
}
