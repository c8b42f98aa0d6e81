package dev.twlb.scheduler;

import dev.twlb.scheduler.FaultMix;
import dev.twlb.schemas.FaultType;
import dev.twlb.scheduler.Intensities;
import dev.twlb.schemas.FaultAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws each epoch's plan: which k of the N nodes are faulty, which fault each gets (dealt from a
 * {@link FaultDeck} by default), and its intensity. Epoch e's plan depends only on (seed, e), so a run replays from its seed and can
 * resume at any epoch.
 */
public final class EpochPlanner {
  private final long seed;
  private final String runId;
  private final List<String> nodeIds;
  private final int faulty;
  private final FaultMix mix;
  private final FaultDeck deck;
  private final Intensities intensities;

  /** How each faulty node's fault type is chosen. */
  public enum Draw {
    /** Dealt from a shuffled, weighted deck: every type before any repeats (balanced classes in every run). */
    DECK,
    /** Drawn independently by weight for every faulty node and epoch (lopsided in short runs). */
    INDEPENDENT
  }

  private final Draw draw;

  public EpochPlanner(long seed, String runId, List<String> nodeIds, int faulty, FaultMix mix, Draw draw,
      Intensities intensities) {
    if (faulty < 0 || faulty > nodeIds.size()) {
      throw new IllegalArgumentException("cannot make " + faulty + " of " + nodeIds.size() + " nodes faulty");
    }
    this.seed = seed;
    this.runId = runId;
    this.nodeIds = List.copyOf(nodeIds);
    this.faulty = faulty;
    this.mix = mix;
    this.deck = new FaultDeck(seed, mix);
    this.draw = draw;
    this.intensities = intensities;
  }

  /** One assignment per node (benign ones too) for epoch {@code epoch}, in force over [from, until). */
  public List<FaultAssignment> plan(long epoch, Instant from, Instant until) {
    Random random = new Random(seed ^ (epoch * 0x9E3779B97F4A7C15L));
    List<String> shuffled = new ArrayList<>(nodeIds);
    Collections.shuffle(shuffled, random);
    Map<String, Integer> faultySlots = new HashMap<>();
    for (int i = 0; i < faulty; i++) {
      faultySlots.put(shuffled.get(i), i);
    }
    List<FaultAssignment> plan = new ArrayList<>(nodeIds.size());
    for (String node : nodeIds) {
      Integer slot = faultySlots.get(node);
      FaultType type = slot == null ? FaultType.BENIGN
          : draw == Draw.DECK ? deck.card(epoch * faulty + slot) : mix.draw(random);
      plan.add(FaultAssignment.newBuilder()
          .setEpochId(epoch).setNodeId(node).setFaultType(type.wireName())
          .setParams(new java.util.TreeMap<>(intensities.draw(type, random)))
          .setEffectiveFromMs(from).setEffectiveUntilMs(until)
          .setSeed(seed).setRunId(runId)
          .build());
    }
    return plan;
  }
}
