package dev.twlb.labeler;

import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.RequestEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Early windows, for a detector that must not wait for a window's grace. Each time stream time passes a whole multiple
 * of the hop, every node's trailing window [boundary - length, boundary) goes out at once, not labeled yet ({@code
 * early-windows}): what was observed of the node in it, by the time each observation became known (a request when
 * its answer or failure came: a request's event time is when it was sent, and a timeout is known only a timeout
 * later). The same row (the same accumulator, so the same features) is labeled by time once the grace has passed and
 * goes to {@code labeled-early-windows}: a detector trained there is trained on exactly what it is scored on live. Its
 * label covers the time its observations describe, from the earliest request in it was sent to the window's end, so a
 * window whose requests were sent under another assignment is a transition. Its last second is also counted apart
 * ({@code recent_*} columns): a fault that began inside the window shows there first.
 *
 * <p>Held in memory only: a restarted labeler leaves a gap in the early rows (a few seconds), never a wrong one.
 */
final class EarlyWindows implements Processor<String, Object, String, LabeledWindow> {
  /** The label of a row that is not labeled yet. */
  private static final GroundTruth.Label NOT_YET = new GroundTruth.Label(FaultType.UNKNOWN_LABEL, null, null, 0, false, false);

  /** One observation: when it became known ({@code ts}), and the moment it describes ({@code eventTs}). */
  private record Observation(long ts, long eventTs, Object value) {}

  /** A row that went out live and waits for its grace to pass before it is labeled over [{@code from}, end). */
  private record Pending(String node, long start, long end, long from, OpenWindow window, OpenWindow recent) {}

  /** The window's last stretch whose observations are also counted apart ({@code recent_*}). */
  static final long RECENT_MS = 1_000;

  private final long lengthMs;
  private final long hopMs;
  private final long graceMs;
  private final boolean dropUnlabeled;
  private final String liveSink;
  private final String labeledSink;
  private final LabelerMetrics metrics;
  private final Map<String, Deque<Observation>> recent = new HashMap<>();
  private final Deque<Pending> pending = new ArrayDeque<>();
  private long lastBoundary = Long.MIN_VALUE / 2; // halved: lastBoundary + hop - length must not overflow
  private ProcessorContext<String, LabeledWindow> context;
  private StoreLabels labels;

  EarlyWindows(long lengthMs, long hopMs, long graceMs, boolean dropUnlabeled, String liveSink, String labeledSink,
      LabelerMetrics metrics) {
    this.lengthMs = lengthMs;
    this.hopMs = hopMs;
    this.graceMs = graceMs;
    this.dropUnlabeled = dropUnlabeled;
    this.liveSink = liveSink;
    this.labeledSink = labeledSink;
    this.metrics = metrics;
  }

  @Override
  public void init(ProcessorContext<String, LabeledWindow> context) {
    this.context = context;
    this.labels = new StoreLabels(context);
  }

  @Override
  public void process(Record<String, Object> record) {
    long known = record.value() instanceof RequestEvent request
        ? record.timestamp() + Math.round(request.getLatencyMs()) : record.timestamp();
    if (record.key() != null && known >= lastBoundary + hopMs - lengthMs) {
      recent.computeIfAbsent(record.key(), k -> new ArrayDeque<>()).addLast(new Observation(known, record.timestamp(), record.value()));
    }
    long streamTime = context.currentStreamTimeMs();
    long boundary = streamTime - Math.floorMod(streamTime, hopMs);
    if (boundary > lastBoundary) {
      // Every boundary passed since the last one that holds an observation: stream time can jump several seconds.
      for (long b = Math.max(lastBoundary + hopMs, firstBoundaryAfterOldest()); b <= boundary; b += hopMs) {
        emitLive(b);
      }
      lastBoundary = boundary;
    }
    labelDue(streamTime);
  }

  private void emitLive(long boundary) {
    long start = boundary - lengthMs;
    Iterator<Map.Entry<String, Deque<Observation>>> nodes = recent.entrySet().iterator();
    while (nodes.hasNext()) {
      Map.Entry<String, Deque<Observation>> entry = nodes.next();
      OpenWindow window = new OpenWindow(entry.getKey(), start, Accumulator.empty(), false);
      OpenWindow recent = new OpenWindow(entry.getKey(), Math.max(start, boundary - RECENT_MS), Accumulator.empty(), false);
      long from = fold(entry.getValue(), window, recent, boundary);
      if (from != Long.MAX_VALUE) {
        LabeledWindow row = Features.withRecent(
            Features.row(entry.getKey(), start, boundary, window.counters(), window.latencies(), NOT_YET), recent);
        row.setIsTransition(false);
        row.setTransitionReason(null);
        context.forward(new Record<>(entry.getKey(), row, boundary), liveSink);
        metrics.earlyWindowEmitted();
        pending.addLast(new Pending(entry.getKey(), start, boundary, Math.min(from, start), window, recent));
      }
      Deque<Observation> observations = entry.getValue();
      while (!observations.isEmpty() && observations.peekFirst().ts() < boundary + hopMs - lengthMs) {
        observations.removeFirst(); // no later window reaches back to it
      }
      if (observations.isEmpty()) {
        nodes.remove();
      }
    }
  }

  /** The first boundary after the oldest observation held (the far future when none is). */
  private long firstBoundaryAfterOldest() {
    long oldest = Long.MAX_VALUE / 2;
    for (Deque<Observation> observations : recent.values()) {
      oldest = Math.min(oldest, observations.peekFirst().ts());
    }
    return oldest - Math.floorMod(oldest, hopMs) + hopMs;
  }

  /**
   * Folds the observations that became known from each window's start to {@code end} into {@code window} and, those of
   * its last stretch, into {@code recent} too; returns the earliest moment they describe, or {@code Long.MAX_VALUE}
   * when there were none.
   */
  private static long fold(Deque<Observation> observations, OpenWindow window, OpenWindow recent, long end) {
    long from = Long.MAX_VALUE;
    for (Observation o : observations) {
      if (o.ts() >= window.start && o.ts() < end) {
        Accumulator.add(o.value(), window);
        if (o.ts() >= recent.start) {
          Accumulator.add(o.value(), recent);
        }
        from = Math.min(from, o.eventTs());
      }
    }
    return from;
  }

  /** Labels, in the order they went out, the rows whose grace has passed. */
  private void labelDue(long streamTime) {
    while (!pending.isEmpty() && pending.peekFirst().end() + graceMs <= streamTime) {
      Pending p = pending.removeFirst();
      GroundTruth.Label label = labels.of(p.node(), p.from(), p.end());
      if (dropUnlabeled && label.unlabeled()) {
        continue;
      }
      LabeledWindow row = Features.withRecent(
          Features.row(p.node(), p.start(), p.end(), p.window().counters(), p.window().latencies(), label), p.recent());
      context.forward(new Record<>(p.node(), row, p.end()), labeledSink);
    }
  }
}
