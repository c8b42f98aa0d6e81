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
 * {@code effective_from} and late or out-of-order deliveries change nothing. An assignment read after its
 * {@code effective_from} is in force only from when it was read: the node cannot have applied it before.
 */
public final class FaultTimeline {
  private static final long KEEP_MS = 3_600_000;

  /** An assignment and when this process read it first. */
  private record Entry(FaultAssignment assignment, long readAtMs) {}

  private final String nodeId;
  private final NavigableMap<Long, Entry> byStart = new TreeMap<>();

  public FaultTimeline(String nodeId) {
    this.nodeId = nodeId;
  }

  /** Adds an assignment read at {@code readAtMs} if it is for this node; returns whether it was. */
  public synchronized boolean add(FaultAssignment assignment, long readAtMs) {
    if (!nodeId.equals(assignment.getNodeId())) {
      return false;
    }
    long start = assignment.getEffectiveFromMs().toEpochMilli();
    Entry known = byStart.get(start);
    if (known == null || !known.assignment().equals(assignment)) {
      byStart.put(start, new Entry(assignment, readAtMs));
    }
    byStart.headMap(start - KEEP_MS).clear();
    return true;
  }

  /** The assignment in force at {@code epochMs}, if any. */
  public synchronized Optional<FaultAssignment> at(long epochMs) {
    Map.Entry<Long, Entry> entry = byStart.floorEntry(epochMs);
    if (entry == null || epochMs >= entry.getValue().assignment().getEffectiveUntilMs().toEpochMilli()) {
      return Optional.empty();
    }
    return Optional.of(entry.getValue().assignment());
  }

  /** Since when {@code assignment} has been in force here: its {@code effective_from}, or when it was read if later. */
  public synchronized long appliedFrom(FaultAssignment assignment) {
    long start = assignment.getEffectiveFromMs().toEpochMilli();
    Entry entry = byStart.get(start);
    return entry == null ? Long.MAX_VALUE : Math.max(start, entry.readAtMs());
  }

  /** The fault type in force at {@code epochMs}; benign when no assignment covers it. */
  public FaultType typeAt(long epochMs) {
    return at(epochMs).map(a -> FaultType.of(a.getFaultType())).orElse(FaultType.BENIGN);
  }
}
