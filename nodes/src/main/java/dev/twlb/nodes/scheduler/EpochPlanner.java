package dev.twlb.nodes.scheduler;

import dev.twlb.nodes.fault.FaultMix;
import dev.twlb.nodes.fault.FaultType;
import dev.twlb.nodes.fault.Intensities;
import dev.twlb.schemas.FaultAssignment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Draws each epoch's plan: which k of the N nodes are faulty, which fault each gets, and its
 * intensity. Epoch e's plan depends only on (seed, e), so a run replays from its seed and can
 * resume at any epoch.
 */
public final class EpochPlanner {
  private final long seed;
  private final String runId;
  private final List<String> nodeIds;
  private final int faulty;
  private final FaultMix mix;
  private final Intensities intensities;

  public EpochPlanner(long seed, String runId, List<String> nodeIds, int faulty, FaultMix mix, Intensities intensities) {
    if (faulty < 0 || faulty > nodeIds.size()) {
      throw new IllegalArgumentException("cannot make " + faulty + " of " + nodeIds.size() + " nodes faulty");
    }
    this.seed = seed;
    this.runId = runId;
    this.nodeIds = List.copyOf(nodeIds);
    this.faulty = faulty;
    this.mix = mix;
    this.intensities = intensities;
  }

  /** One assignment per node (benign ones too) for epoch {@code epoch}, in force over [from, until). */
  public List<FaultAssignment> plan(long epoch, Instant from, Instant until) {
    Random random = new Random(seed ^ (epoch * 0x9E3779B97F4A7C15L));
    List<String> shuffled = new ArrayList<>(nodeIds);
    Collections.shuffle(shuffled, random);
    Set<String> faultyNodes = new HashSet<>(shuffled.subList(0, faulty));
    List<FaultAssignment> plan = new ArrayList<>(nodeIds.size());
    for (String node : nodeIds) {
      FaultType type = faultyNodes.contains(node) ? mix.draw(random) : FaultType.BENIGN;
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
