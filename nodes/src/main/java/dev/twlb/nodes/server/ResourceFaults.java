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
 * assignment ends.
 */
final class ResourceFaults implements AutoCloseable {
  private static final int CHUNK = 1024 * 1024;

  private FaultAssignment active;
  private final List<Thread> burners = new ArrayList<>();
  private final List<ByteBuffer> leaked = new ArrayList<>();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** CPU time of the burners that have ended; the running ones are asked for theirs. */
  private long endedBurnersCpuNanos;
  private boolean leakCapped;
  private long leakStartedMs;
  private double leakMbPerS;

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
      long due = (long) ((nowMs - leakStartedMs) / 1000.0 * leakMbPerS);
      try {
        while (leaked.size() < due) {
          leaked.add(ByteBuffer.allocateDirect(CHUNK)); // zeroed on allocation, so every page is resident
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
        Thread burner = new Thread(ResourceFaults::burn, "cpu-hog-" + i);
        burner.setDaemon(true);
        burner.start();
        burners.add(burner);
      }
    } else if (type == FaultType.MEMORY_LEAK) {
      leakMbPerS = assignment.getParams().getOrDefault("leak_mb_per_s", 4.0);
      leakStartedMs = nowMs;
    }
  }

  /** Bytes the memory-leak fault holds now. */
  synchronized long leakedBytes() {
    return (long) leaked.size() * CHUNK;
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

  @Override
  public synchronized void close() {
    stop();
  }
}
