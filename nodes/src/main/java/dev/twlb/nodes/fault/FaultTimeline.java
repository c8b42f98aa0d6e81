package dev.twlb.nodes.fault;

import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.FaultAssignment;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One node's assignments by start time. The assignment in force at an instant is looked up by
 * time, never "the latest received", so assignments published ahead of time take effect exactly at
 * {@code effective_from} and late or out-of-order deliveries change nothing.
 */
public final class FaultTimeline {
  private static final long KEEP_MS = 3_600_000;

  private final String nodeId;
  private final NavigableMap<Long, FaultAssignment> byStart = new TreeMap<>();

  public FaultTimeline(String nodeId) {
    this.nodeId = nodeId;
  }

  /** Adds an assignment if it is for this node; returns whether it was. */
  public synchronized boolean add(FaultAssignment assignment) {
    if (!nodeId.equals(assignment.getNodeId())) {
      return false;
    }
    long start = assignment.getEffectiveFromMs().toEpochMilli();
    byStart.put(start, assignment);
    byStart.headMap(start - KEEP_MS).clear();
    return true;
  }

  /** The assignment in force at {@code epochMs}, if any. */
  public synchronized Optional<FaultAssignment> at(long epochMs) {
    Map.Entry<Long, FaultAssignment> entry = byStart.floorEntry(epochMs);
    if (entry == null || epochMs >= entry.getValue().getEffectiveUntilMs().toEpochMilli()) {
      return Optional.empty();
    }
    return Optional.of(entry.getValue());
  }

  /** The fault type in force at {@code epochMs}; benign when no assignment covers it. */
  public FaultType typeAt(long epochMs) {
    return at(epochMs).map(a -> FaultType.of(a.getFaultType())).orElse(FaultType.BENIGN);
  }
}
