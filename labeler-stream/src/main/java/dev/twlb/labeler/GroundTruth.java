package dev.twlb.labeler;

import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.streams.state.VersionedRecord;

/**
 * The label of a window, from the assignments that were in force during it, looked up by time.
 * The label is the fault that covers most of the window (assignments with the same fault and
 * intensity count together, so two benign epochs in a row are one label); its purity is the share
 * of the window it covers. Time no assignment covers counts as the label {@code unknown}. The label is
 * confirmed only where the node's confirmations of the assignments behind it cover every moment they label.
 */
final class GroundTruth {
  static final String UNKNOWN = FaultType.UNKNOWN_LABEL;

  /** One node's assignments (or its confirmations) by time: the version in force at an instant, or null. */
  interface History<V> {
    VersionedRecord<V> asOf(long epochMs);
  }

  /** A stretch of the window and what was in force during it (null: nothing). */
  record Segment(FaultAssignment assignment, long from, long until) {
    long length() {
      return until - from;
    }
  }

  /**
   * The label of a window: the majority fault, the assignment behind it, its purity, whether a crash just ended, and
   * whether the node confirmed that it applied the assignments behind the label for all the time they label.
   */
  record Label(String faultType, String runId, Long epochId, double purity, boolean crashRecovery, boolean confirmed) {
    /** No assignment covers any moment of the window. */
    boolean unlabeled() {
      return runId == null;
    }
  }

  private GroundTruth() {}

  static Label label(History<FaultAssignment> history, History<FaultConfirmation> confirmations, long start, long end) {
    List<Segment> segments = segments(history, start, end);
    Map<List<Object>, Long> coverage = new LinkedHashMap<>();
    Map<List<Object>, Segment> longest = new LinkedHashMap<>();
    for (Segment s : segments) {
      List<Object> key = labelKey(s.assignment());
      coverage.merge(key, s.length(), Long::sum);
      longest.merge(key, s, (a, b) -> b.length() > a.length() ? b : a);
    }
    List<Object> majority = coverage.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    FaultAssignment chosen = longest.get(majority).assignment();
    double purity = coverage.get(majority) / (double) (end - start);
    // A window mostly outside any assignment still belongs to the run of the assignment it overlaps.
    FaultAssignment origin = chosen != null ? chosen : segments.stream().filter(s -> s.assignment() != null)
        .max(java.util.Comparator.comparingLong(Segment::length)).map(Segment::assignment).orElse(null);
    return new Label(chosen == null ? UNKNOWN : chosen.getFaultType(),
        origin == null ? null : origin.getRunId(),
        origin == null ? null : origin.getEpochId(),
        purity, crashEndedJustBefore(history, start, end),
        segments.stream().filter(s -> s.assignment() != null && labelKey(s.assignment()).equals(majority))
            .allMatch(s -> confirmed(confirmations, s.assignment(), s.from(), s.until())));
  }

  /** Whether confirmations of {@code assignment} cover every moment of [from, until), walking back from its end. */
  static boolean confirmed(History<FaultConfirmation> confirmations, FaultAssignment assignment, long from, long until) {
    long t = until;
    while (t > from) {
      VersionedRecord<FaultConfirmation> version = confirmations.asOf(t - 1);
      if (version == null || !confirms(version.value(), assignment)) {
        return false;
      }
      t = version.timestamp();
    }
    return true;
  }

  private static boolean confirms(FaultConfirmation c, FaultAssignment a) {
    return c.getEpochId() == a.getEpochId() && c.getRunId().equals(a.getRunId())
        && c.getEffectiveFromMs().equals(a.getEffectiveFromMs());
  }

  /** The window cut into stretches by the assignments in force, walking back from its end. */
  static List<Segment> segments(History<FaultAssignment> history, long start, long end) {
    List<Segment> segments = new ArrayList<>();
    long t = end;
    while (t > start) {
      VersionedRecord<FaultAssignment> version = history.asOf(t - 1);
      if (version == null) {
        segments.add(new Segment(null, start, t));
        break;
      }
      long from = Math.max(version.timestamp(), start);
      long until = Math.min(t, version.value().getEffectiveUntilMs().toEpochMilli());
      if (until < t) {
        segments.add(new Segment(null, Math.max(until, from), t)); // the assignment ended before the next began
      }
      if (until > from) {
        segments.add(new Segment(version.value(), from, until));
      }
      t = from;
    }
    return segments;
  }

  /** A node whose crash epoch ended at most one window before this one is still coming back in it. */
  private static boolean crashEndedJustBefore(History<FaultAssignment> history, long start, long end) {
    VersionedRecord<FaultAssignment> before = history.asOf(start - 1);
    if (before == null || !before.value().getFaultType().equals(FaultType.CRASH.wireName())) {
      return false;
    }
    long crashEnd = Math.min(before.validTo().orElse(Long.MAX_VALUE), before.value().getEffectiveUntilMs().toEpochMilli());
    return crashEnd <= start && crashEnd > start - (end - start);
  }

  private static List<Object> labelKey(FaultAssignment a) {
    return a == null ? List.of(UNKNOWN) : List.of(a.getFaultType(), Objects.requireNonNullElse(a.getParams(), Map.of()));
  }
}
