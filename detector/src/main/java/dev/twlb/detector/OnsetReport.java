package dev.twlb.detector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Onset-to-verdict latency and false alarms in words: one line for a progress summary, a table by fault class. */
public final class OnsetReport {
  private OnsetReport() {}

  /** For example "onset to verdict: median 2.1 s over 54 fault node-epochs (1 never named), 0.6 false alarms per node-hour". */
  public static String line(OnsetLatency.Summary s) {
    if (s.faults().isEmpty()) {
      return "onset to verdict: no confirmed fault yet";
    }
    long missed = s.faults().stream().filter(o -> o.latencyMs() == null).count();
    return String.format("onset to verdict: median %s over %d fault node-epochs (%d never named), %.2f false alarms per"
        + " node-hour over %.2f benign node-hours (and %d held over from a fault)", seconds(OnsetLatency.medianSeconds(s.faults())),
        s.faults().size(), missed, s.falseAlarmsPerNodeHour(), s.benignNodeHours(), s.heldOver());
  }

  /** One line per fault class: node-epochs, how many a verdict named, the median time to it, the share of right verdicts. */
  public static List<String> byClass(OnsetLatency.Summary s) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format("%-20s %11s %6s %15s %18s %14s", "fault", "node-epochs", "named", "median onset→",
        "of which: window", "right verdicts"));
    byFault(s).forEach((fault, c) -> lines.add(String.format("%-20s %11d %6d %15s %18s %14s", fault, c.nodeEpochs(),
        c.named(), seconds(c.medianSeconds()), seconds(c.medianWindowSeconds()),
        Double.isNaN(c.rightShare()) ? "-" : String.format("%.3f", c.rightShare()))));
    return lines;
  }

  /** One fault class's figures, computed once for the table and the JSON. */
  private record ClassFigures(int nodeEpochs, long named, double medianSeconds, double medianWindowSeconds,
      double rightShare, List<OnsetLatency.FaultOutcome> outcomes) {}

  private static Map<String, ClassFigures> byFault(OnsetLatency.Summary s) {
    Map<String, ClassFigures> byFault = new TreeMap<>();
    s.faults().stream().collect(Collectors.groupingBy(o -> o.epoch().fault())).forEach((fault, outcomes) -> {
      int inside = outcomes.stream().mapToInt(OnsetLatency.FaultOutcome::verdictsInside).sum();
      int right = outcomes.stream().mapToInt(OnsetLatency.FaultOutcome::rightInside).sum();
      byFault.put(fault, new ClassFigures(outcomes.size(), outcomes.stream().filter(o -> o.latencyMs() != null).count(),
          OnsetLatency.medianSeconds(outcomes), OnsetLatency.median(outcomes, OnsetLatency.FaultOutcome::windowMs),
          inside == 0 ? Double.NaN : right / (double) inside, outcomes));
    });
    return byFault;
  }

  /** The summary as JSON-ready maps: overall, and by fault class. */
  public static Map<String, Object> json(OnsetLatency.Summary s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("fault_node_epochs", s.faults().size());
    out.put("never_named", s.faults().stream().filter(o -> o.latencyMs() == null).count());
    out.put("median_onset_to_verdict_s", finite(OnsetLatency.medianSeconds(s.faults())));
    out.put("median_onset_to_window_end_s", finite(OnsetLatency.median(s.faults(), OnsetLatency.FaultOutcome::windowMs)));
    out.put("false_alarms", s.falseAlarms());
    out.put("benign_node_hours", s.benignNodeHours());
    out.put("false_alarms_per_node_hour", finite(s.falseAlarmsPerNodeHour()));
    out.put("alarms_held_over_from_a_fault", s.heldOver());
    Map<String, Object> byFault = new TreeMap<>();
    byFault(s).forEach((fault, f) -> {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("node_epochs", f.nodeEpochs());
      c.put("named", f.named());
      c.put("median_onset_to_verdict_s", finite(f.medianSeconds()));
      c.put("median_onset_to_window_end_s", finite(f.medianWindowSeconds()));
      c.put("onset_to_verdict_s", f.outcomes().stream().map(o -> o.latencyMs() == null ? "never" : (Object) (o.latencyMs() / 1000.0)).toList());
      c.put("right_verdict_share", finite(f.rightShare()));
      byFault.put(fault, c);
    });
    out.put("by_fault", byFault);
    return out;
  }

  /** A number JSON can hold: infinity (most never named) and NaN (nothing yet) as words. */
  private static Object finite(double v) {
    return Double.isInfinite(v) ? "never" : Double.isNaN(v) ? "-" : v;
  }

  private static String seconds(double s) {
    return Double.isInfinite(s) ? "never" : String.format("%.1f s", s);
  }
}
