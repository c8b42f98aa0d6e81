package dev.twlb.labeler;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.twlb.labeler.state.WindowAccumulator;
import java.util.Arrays;

/**
 * A window of a node that is still open, as a live object: its counters are updated in place, and encoded
 * ({@link #state()}) only when the window is written at a commit or emitted, not after every observation.
 *
 * <p>Latencies are appended to a small array and folded into the sketch in batches: with thousands of nodes, thousands
 * of windows are open, and a sketch per record (its bins spread over a few kilobytes) was a cache miss per record.
 * A sketch's quantiles depend only on its bin counts, so when the values reach it does not change what it answers.
 */
final class OpenWindow {
  private static final double[] NO_LATENCIES = {};
  /** Latencies held before they are folded into the sketch: a window's worth at the benchmark's rates, 512 bytes. */
  private static final int MAX_PENDING = 64;

  final String node;
  final long start;
  private final WindowAccumulator state;
  private DDSketch latencies;
  private double[] pending = NO_LATENCIES;
  private int pendingCount;
  /** Whether a version of it is in the backing store (so forgetting it must delete it there). */
  private boolean stored;
  /** Whether it changed since it was last written to the backing store. */
  private boolean changed;

  OpenWindow(String node, long start, WindowAccumulator state, boolean stored) {
    this.node = node;
    this.start = start;
    this.state = state;
    this.stored = stored;
  }

  /** The counters, updated in place; the latency sketch is {@link #latencies()}. */
  WindowAccumulator counters() {
    return state;
  }

  /** Adds an answered request's latency. */
  void addLatency(double ms) {
    if (pendingCount == pending.length) {
      if (pendingCount == MAX_PENDING) {
        latencies();
      } else {
        pending = Arrays.copyOf(pending, Math.max(8, 2 * pendingCount));
      }
    }
    pending[pendingCount++] = ms;
  }

  /** The latency sketch with every latency added so far, decoded from the stored state on first use. */
  DDSketch latencies() {
    if (latencies == null) {
      latencies = Accumulator.sketchOf(state);
    }
    for (int i = 0; i < pendingCount; i++) {
      latencies.accept(pending[i]);
    }
    pendingCount = 0;
    return latencies;
  }

  /** The whole window in its stored form, the latency sketch encoded. */
  WindowAccumulator state() {
    if (latencies != null || pendingCount > 0) {
      state.setLatencySketch(Accumulator.encode(latencies()));
    }
    return state;
  }

  boolean isStored() {
    return stored;
  }

  /** Marks it changed; true if it was not already, so the caller lists it once for the next write. */
  boolean markChanged() {
    boolean was = changed;
    changed = true;
    return !was;
  }

  boolean isChanged() {
    return changed;
  }

  /** It has been written to the backing store, or forgotten: nothing of it is left to write. */
  void markWritten(boolean stored) {
    this.stored = stored;
    changed = false;
  }
}
