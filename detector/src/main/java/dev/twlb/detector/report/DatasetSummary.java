package dev.twlb.detector.report;

import dev.twlb.detector.DatasetReader;
import dev.twlb.schemas.FaultType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * What a data directory holds, gathered row by row in one pass: rows by class, by run and epoch, label purity,
 * missing values per column, the time span, and a bounded sample of the main features per class for pictures.
 */
public final class DatasetSummary {
  /** The features whose distributions per class the report draws: what tells the faults apart. */
  public static final List<String> FEATURES = List.of("avg_latency_seconds", "success_rate", "latency_p95_ms",
      "latency_gap_ms", "scrape_up_ratio", "cpu_usage_rate", "resident_mem_growth_mb_per_s");

  /** One run's epoch: its rows by class, and when its first window starts (to draw epochs in time order). */
  public record Epoch(String runId, long epochId, long firstStartMs, Map<String, Long> rowsByClass) {}

  private final int samplePerClass;
  private final SplittableRandom random = new SplittableRandom(1);
  long rows;
  long transitions;
  long impure;
  double puritySum;
  long firstStartMs = Long.MAX_VALUE;
  long lastEndMs = Long.MIN_VALUE;
  long parquetFiles;
  long csvFiles;
  final Map<String, Long> rowsByClass = new TreeMap<>();
  final Map<String, Long> rowsByNode = new TreeMap<>();
  /** Rows whose (node, window start) an earlier row already had: 0 in a dataset written exactly once. */
  long duplicateWindows;
  private final Set<String> windows = new HashSet<>();
  final Map<String, Long> cleanRowsByClass = new TreeMap<>();
  final Map<String, Long> missing = new LinkedHashMap<>();
  private final Map<String, Epoch> epochs = new LinkedHashMap<>();
  /** feature -> class -> a uniform sample (reservoir) of its values in clean windows. */
  final Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
  private final Map<String, Long> seenByClass = new TreeMap<>();
  final LabelEvidence evidence = new LabelEvidence(r -> true);

  public DatasetSummary(int samplePerClass) {
    this.samplePerClass = samplePerClass;
    FEATURES.forEach(f -> samples.put(f, new TreeMap<>()));
  }

  void add(GenericRecord r) {
    rows++;
    evidence.add(r);
    for (Schema.Field field : r.getSchema().getFields()) {
      missing.merge(field.name(), r.get(field.pos()) == null ? 1L : 0L, Long::sum);
    }
    String label = String.valueOf(r.get("fault_type"));
    rowsByClass.merge(label, 1L, Long::sum);
    String node = String.valueOf(r.get("node_id"));
    rowsByNode.merge(node, 1L, Long::sum);
    long start = DatasetReader.millis(r.get("window_start"));
    duplicateWindows += windows.add(node + "@" + start) ? 0 : 1;
    firstStartMs = Math.min(firstStartMs, start);
    lastEndMs = Math.max(lastEndMs, DatasetReader.millis(r.get("window_end")));
    Object purity = r.get("label_purity");
    if (purity instanceof Number p) {
      puritySum += p.doubleValue();
      impure += p.doubleValue() < 1.0 ? 1 : 0;
    }
    String runId = r.get("run_id") == null ? "-" : r.get("run_id").toString();
    long epochId = r.get("epoch_id") == null ? -1 : ((Number) r.get("epoch_id")).longValue();
    String key = runId + "#" + epochId;
    Epoch epoch = epochs.computeIfAbsent(key, k -> new Epoch(runId, epochId, start, new TreeMap<>()));
    epoch.rowsByClass().merge(label, 1L, Long::sum);
    if (start < epoch.firstStartMs()) {
      epochs.put(key, new Epoch(runId, epochId, start, epoch.rowsByClass()));
    }
    if (Boolean.TRUE.equals(r.get("is_transition"))) {
      transitions++;
    } else if (!label.equals(FaultType.UNKNOWN_LABEL)) {
      cleanRowsByClass.merge(label, 1L, Long::sum);
      sample(label, r);
    }
  }

  /** Reservoir sampling: every clean window of a class has the same chance to be drawn, whatever the dataset's size. */
  private void sample(String label, GenericRecord r) {
    long seen = seenByClass.merge(label, 1L, Long::sum);
    int slot = seen <= samplePerClass ? (int) seen - 1 : (int) random.nextLong(seen);
    if (slot >= samplePerClass) {
      return;
    }
    for (String feature : FEATURES) {
      List<Double> values = samples.get(feature).computeIfAbsent(label, k -> new ArrayList<>());
      Object value = r.get(feature);
      double v = value instanceof Number n ? n.doubleValue() : Double.NaN;
      if (slot < values.size()) {
        values.set(slot, v);
      } else {
        values.add(v);
      }
    }
  }

  /** The epochs in the order their first windows start. */
  public List<Epoch> epochs() {
    return epochs.values().stream().sorted((a, b) -> Long.compare(a.firstStartMs(), b.firstStartMs())).toList();
  }

  public long rows() {
    return rows;
  }

  /** Per fault class, how many clean node-epochs show the fault in what was measured. */
  public List<LabelEvidence.ClassEvidence> evidence() {
    return evidence.classes();
  }

  public Map<String, Long> rowsByClass() {
    return rowsByClass;
  }

  /** The summary as plain maps and numbers, for report.json. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rows", rows);
    out.put("files", Map.of("parquet", parquetFiles, "csv", csvFiles));
    out.put("first_window_start", rows == 0 ? null : Instant.ofEpochMilli(firstStartMs).toString());
    out.put("last_window_end", rows == 0 ? null : Instant.ofEpochMilli(lastEndMs).toString());
    out.put("rows_by_class", rowsByClass);
    out.put("rows_by_node", rowsByNode);
    out.put("duplicate_windows", duplicateWindows);
    out.put("clean_rows_by_class", cleanRowsByClass);
    out.put("transitions", transitions);
    out.put("label_evidence", LabelEvidence.toMap(evidence.classes()));
    out.put("label_purity", Map.of("mean", rows == 0 ? 1.0 : puritySum / rows, "rows_below_1", impure));
    out.put("missing_by_column", missing);
    out.put("epochs", epochs().stream().map(e -> Map.of("run_id", e.runId(), "epoch_id", e.epochId(), "rows_by_class", e.rowsByClass()))
        .toList());
    return out;
  }
}
