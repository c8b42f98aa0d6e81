package dev.twlb.detector;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.avro.generic.GenericRecord;

/**
 * The detector's inputs, computed from one row of {@code labeled-metrics} (a Parquet row while
 * training, a live record while detecting: both read as an Avro {@link GenericRecord}). The label
 * columns ({@code fault_type}, {@code label_purity}, {@code is_transition}, run and epoch) are never
 * read here. Every feature is defined for every row: a value the row lacks becomes a neutral number
 * plus, where the absence itself means something (no answered request, no scrape), an indicator.
 */
public enum Features {
  /** Every signal the dataset has, in shapes an RBF kernel likes: shares instead of counts, logs of latencies. */
  ALL(List.of(
      share("ok_share", "ok_count"),
      share("http_error_share", "http_error_count"),
      share("timeout_share", "timeout_count"),
      share("connect_error_share", "connect_error_count"),
      share("reset_share", "reset_count"),
      share("bad_response_share", "bad_response_count"),
      feature("answered", r -> isNull(r, "latency_p50_ms") ? 0 : 1),
      feature("log_latency_p50_ms", r -> log1p(r, "latency_p50_ms")),
      feature("log_latency_p95_ms", r -> log1p(r, "latency_p95_ms")),
      feature("log_latency_max_ms", r -> log1p(r, "latency_max_ms")),
      feature("log_ok_latency_ms", r -> Math.log1p(number(r, "avg_latency_seconds", 0) * 1000)),
      feature("log_reported_latency_ms", r -> log1p(r, "reported_latency_mean_ms")),
      feature("log_latency_gap_ms", r -> signedLog1p(number(r, "latency_gap_ms", 0))),
      feature("report_gap_share", r -> ratio(number(r, "report_gap", 0), number(r, "request_count", 0))),
      feature("scraped", r -> number(r, "scrape_count", 0) > 0 ? 1 : 0),
      feature("scrape_up_ratio", r -> number(r, "scrape_up_ratio", 0)),
      feature("has_cpu_rate", r -> isNull(r, "cpu_usage_rate") ? 0 : 1),
      feature("cpu_usage_rate", r -> number(r, "cpu_usage_rate", 0)),
      feature("resident_mem_growth_mb_per_s", r -> number(r, "resident_mem_growth_mb_per_s", 0)),
      feature("heap_growth_mb_per_s", r -> number(r, "heap_growth_mb_per_s", 0)),
      feature("resident_mem_mb", r -> number(r, "resident_mem_mb", 0)),
      // an early window's last second (0 elsewhere): a fault that began inside the window shows there first
      feature("recent_request_share", r -> ratio(number(r, "recent_request_count", 0), number(r, "request_count", 0))),
      feature("recent_ok_share", r -> ratio(number(r, "recent_ok_count", 0), number(r, "recent_request_count", 0))),
      feature("recent_http_error_share", r -> ratio(number(r, "recent_http_error_count", 0), number(r, "recent_request_count", 0))),
      feature("log_recent_latency_p50_ms", r -> log1p(r, "recent_latency_p50_ms")),
      feature("recent_cpu_usage_rate", r -> number(r, "recent_cpu_usage_rate", 0)))),

  /** The prototype's four columns as it exported them (missing values as 0): the baseline. */
  PROTOTYPE(List.of(
      feature("avg_latency_seconds", r -> number(r, "avg_latency_seconds", 0)),
      feature("error_500_count", r -> number(r, "error_500_count", 0)),
      feature("cpu_usage_rate", r -> number(r, "cpu_usage_rate", 0)),
      feature("resident_mem_mb", r -> number(r, "resident_mem_mb", 0))));

  /** One named input and how it is computed from a row. */
  public record Feature(String name, ToDoubleFunction<GenericRecord> value) {}

  private final List<Feature> features;
  private final String[] names;

  Features(List<Feature> features) {
    this.features = features;
    this.names = features.stream().map(Feature::name).toArray(String[]::new);
  }

  public String[] names() {
    return names.clone();
  }

  /** The row's values, in the order of {@link #names()}; never NaN. */
  public double[] of(GenericRecord row) {
    double[] values = new double[features.size()];
    for (int i = 0; i < values.length; i++) {
      double v = features.get(i).value().applyAsDouble(row);
      values[i] = Double.isFinite(v) ? v : 0;
    }
    return values;
  }

  private static Feature feature(String name, ToDoubleFunction<GenericRecord> value) {
    return new Feature(name, value);
  }

  private static Feature share(String name, String countColumn) {
    return feature(name, r -> ratio(number(r, countColumn, 0), number(r, "request_count", 0)));
  }

  private static boolean isNull(GenericRecord r, String column) {
    return r.getSchema().getField(column) == null || r.get(column) == null;
  }

  /** A numeric column's value, or {@code missing} when the row lacks it (null, or a file written before the column existed). */
  public static double number(GenericRecord r, String column, double missing) {
    return isNull(r, column) ? missing : ((Number) r.get(column)).doubleValue();
  }

  private static double log1p(GenericRecord r, String column) {
    return Math.log1p(Math.max(0, number(r, column, 0)));
  }

  private static double signedLog1p(double v) {
    return Math.signum(v) * Math.log1p(Math.abs(v));
  }

  private static double ratio(double part, double whole) {
    return whole > 0 ? part / whole : 0;
  }
}
