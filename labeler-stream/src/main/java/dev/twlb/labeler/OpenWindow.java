package dev.twlb.labeler;

import com.datadoghq.sketch.ddsketch.DDSketch;
import dev.twlb.labeler.state.WindowAccumulator;

/**
 * A window of a node that is still open, as a live object: its counters and its latency sketch are updated in place,
 * and encoded ({@link #state()}) only when the window is written at a commit or emitted, not after every observation.
 */
final class OpenWindow {
  final String node;
  final long start;
  private final WindowAccumulator state;
  private DDSketch latencies;
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

  /** The latency sketch, decoded from the stored state on first use. */
  DDSketch latencies() {
    if (latencies == null) {
      latencies = Accumulator.sketchOf(state);
    }
    return latencies;
  }

  /** The whole window in its stored form, the latency sketch encoded. */
  WindowAccumulator state() {
    if (latencies != null) {
      state.setLatencySketch(Accumulator.encode(latencies));
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
