package dev.twlb.nodes.server;

import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.FaultAssignment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The faults that act on the process rather than on requests: CPU burned by busy threads
 * ({@code cpu-hog}) and memory that grows while the epoch lasts ({@code memory-leak}). The leak is
 * off-heap (direct buffers), so it grows the process's resident memory at the drawn rate for the
 * whole epoch: 2-8 MiB/s over a minute does not fit a node's 48 MiB heap. It stops at
 * {@code -XX:MaxDirectMemorySize}. Both stop, and the leaked memory is released, when the
 * assignment ends. At a strength below 1 (a node among hundreds in one host) each burner burns that share of a core
 * and the leak grows at that share of its rate.
 */
final class ResourceFaults implements AutoCloseable {
  /**
   * The leak's step: 128 KiB, so that a leak weakened to a few hundredths of its rate still grows in every window (in
   * 1 MiB steps, 0.06 MiB/s grew once in 16 s, and most of a leaking node's windows showed no growth at all); and not
   * less, as the nodes' malloc maps blocks from 128 KiB up (MALLOC_MMAP_THRESHOLD_) and unmaps them when freed, so the
   * memory goes back to the system when the leak ends (64 KiB blocks stayed in the malloc heap: NodeJarIT).
   */
  private static final int CHUNK = 128 * 1024;
  /** A weakened burner's cycle: it burns its share of each 100 ms, then sleeps the rest. */
  private static final long CYCLE_NANOS = 100_000_000L;

  private final double strength;

  private FaultAssignment active;
  private final List<Thread> burners = new ArrayList<>();
  private final List<ByteBuffer> leaked = new ArrayList<>();
  /**
   * What {@link #leaked} holds, readable without the lock: a node host's every scrape reads every node's (its share of
   * the host's memory), and 250 event loops taking 250 locks each, against governor ticks that allocate under them,
   * wedged a host of 250 nodes (every request timed out, 13,000 connections left in CLOSE_WAIT).
   */
  private volatile long leakedBytes;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** CPU time of the burners that have ended; the running ones are asked for theirs. */
  private long endedBurnersCpuNanos;
  private boolean leakCapped;
  private long leakStartedMs;
  private double leakMbPerS;

  /** @param strength the share of a fault's full force this node applies, in (0, 1] */
  ResourceFaults(double strength) {
    if (!(strength > 0 && strength <= 1)) {
      throw new IllegalArgumentException("a resource fault's strength is in (0, 1], got " + strength);
    }
    this.strength = strength;
  }

  /** Brings the process in line with the assignment in force now; called on every governor tick. */
  synchronized void apply(Optional<FaultAssignment> current, long nowMs) {
    FaultAssignment next = current.orElse(null);
    if (next != active) {
      stop();
      active = next;
      if (next != null) {
        start(next, nowMs);
      }
    }
    if (leakMbPerS > 0 && !leakCapped) {
      long due = (long) ((nowMs - leakStartedMs) / 1000.0 * leakMbPerS * (1024 * 1024 / CHUNK));
      try {
        while (leaked.size() < due) {
          leaked.add(ByteBuffer.allocateDirect(CHUNK)); // zeroed on allocation, so every page is resident
          leakedBytes = (long) leaked.size() * CHUNK;
        }
      } catch (OutOfMemoryError e) {
        leakCapped = true; // -XX:MaxDirectMemorySize reached: the leak holds its level instead of killing the node
      }
    }
  }

  private void start(FaultAssignment assignment, long nowMs) {
    FaultType type = FaultType.of(assignment.getFaultType());
    if (type == FaultType.CPU_HOG) {
      long threads = Math.max(1, Math.round(assignment.getParams().getOrDefault("busy_threads", 1.0)));
      for (int i = 0; i < threads; i++) {
        Thread burner = new Thread(strength < 1 ? () -> burnShare(strength) : ResourceFaults::burn, "cpu-hog-" + i);
        burner.setDaemon(true);
        burner.start();
        burners.add(burner);
      }
    } else if (type == FaultType.MEMORY_LEAK) {
      leakMbPerS = assignment.getParams().getOrDefault("leak_mb_per_s", 4.0) * strength;
      leakStartedMs = nowMs;
    }
  }

  /** Bytes the memory-leak fault holds now. */
  long leakedBytes() {
    return leakedBytes;
  }

  /** CPU time the cpu-hog fault's threads have burned, the running ones and the ended ones. */
  synchronized long burnedCpuNanos() {
    return endedBurnersCpuNanos + burners.stream().mapToLong(b -> Math.max(0, THREADS.getThreadCpuTime(b.getId()))).sum();
  }

  private void stop() {
    endedBurnersCpuNanos = burnedCpuNanos();
    burners.forEach(Thread::interrupt);
    burners.clear();
    boolean released = !leaked.isEmpty();
    leaked.clear();
    leakedBytes = 0;
    leakMbPerS = 0;
    leakCapped = false;
    if (released) {
      System.gc(); // direct buffers are freed when collected: give the memory back when the fault ends, not later
    }
  }

  private static void burn() {
    long x = 1;
    while (!Thread.currentThread().isInterrupted()) {
      for (int i = 0; i < 100_000; i++) {
        x = x * 31 + i;
      }
    }
    if (x == 42) {
      System.out.print(""); // keeps the loop from being optimised away
    }
  }

  /** Burns {@code share} of a core, counted in this thread's CPU time: a busy machine stretches the burn, not the share. */
  private static void burnShare(double share) {
    long burnNanos = (long) (CYCLE_NANOS * share);
    long x = 1;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long cycleStart = System.nanoTime();
        long cpuUntil = THREADS.getCurrentThreadCpuTime() + burnNanos;
        while (THREADS.getCurrentThreadCpuTime() < cpuUntil) {
          for (int i = 0; i < 10_000; i++) {
            x = x * 31 + i;
          }
        }
        long rest = CYCLE_NANOS - (System.nanoTime() - cycleStart);
        if (rest > 0) {
          Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the fault ended
    }
    if (x == 42) {
      System.out.print("");
    }
  }

  @Override
  public synchronized void close() {
    stop();
  }
}
