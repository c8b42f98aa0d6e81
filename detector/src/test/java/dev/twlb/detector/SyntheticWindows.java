package dev.twlb.detector;

import dev.twlb.schemas.LabeledWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Labeled windows of four clearly separable classes, with seeded noise, as {@code twlb sink} would
 * write them: benign nodes answer fast, a 500-error node answers 500, a crashed node refuses
 * connections and its scrapes fail, a delayed node times out.
 */
public final class SyntheticWindows {
  public static final List<String> CLASSES = List.of("benign", "500-error", "crash", "delay");
  private static final long T0 = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

  private SyntheticWindows() {}

  /** {@code epochs} epochs of 4 nodes × 6 windows; node i has class (i + epoch) mod 4, so every epoch holds every class. */
  public static List<LabeledWindow> epochs(String runId, int epochs, long seed) {
    Random random = new Random(seed);
    List<LabeledWindow> rows = new ArrayList<>();
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int node = 0; node < 4; node++) {
        String fault = CLASSES.get((node + epoch) % 4);
        for (int w = 0; w < 6; w++) {
          long start = T0 + (epoch * 6L + w) * 5_000;
          rows.add(window("node-" + (node + 1), fault, start, random).setRunId(runId).setEpochId((long) epoch).build());
        }
      }
    }
    return rows;
  }

  /** One window of {@code fault} with plausible noise; run and epoch are left to the caller. */
  static LabeledWindow.Builder window(String node, String fault, long start, Random random) {
    long requests = 15 + random.nextInt(6);
    double latency = 4 + random.nextDouble() * 6;
    LabeledWindow.Builder b = LabeledWindow.newBuilder()
        .setTimestamp(Instant.ofEpochMilli(start)).setNodeId(node).setFaultType(fault)
        .setWindowStart(Instant.ofEpochMilli(start)).setWindowEnd(Instant.ofEpochMilli(start + 5_000))
        .setLabelPurity(1.0).setIsTransition(false).setRequestCount(requests).setError500Count(0).setOkCount(0)
        .setHttpErrorCount(0).setTimeoutCount(0).setConnectErrorCount(0).setResetCount(0).setBadResponseCount(0)
        .setReportCount(requests).setReportGap(0).setScrapeCount(3).setScrapeUpRatio(1.0)
        .setCpuUsageRate(0.05 + random.nextDouble() * 0.05).setResidentMemMb(150 + random.nextDouble() * 10)
        .setHeapUsedMb(30.0).setResidentMemGrowthMbPerS(random.nextGaussian() * 0.1).setHeapGrowthMbPerS(0.0).setRateSpanMs(6_000L);
    switch (fault) {
      case "benign" -> b.setOkCount(requests).setSuccessRate(1.0).setAvgLatencySeconds(latency / 1000)
          .setLatencyP50Ms(latency).setLatencyP95Ms(latency * 1.5).setLatencyP99Ms(latency * 2).setLatencyMaxMs(latency * 2)
          .setReportedLatencyMeanMs(latency - 1).setLatencyGapMs(1.0);
      case "500-error" -> b.setHttpErrorCount(requests).setError500Count(requests).setSuccessRate(0.0)
          .setLatencyP50Ms(2.0).setLatencyP95Ms(3.0).setLatencyP99Ms(3.0).setLatencyMaxMs(3.0)
          .setReportedLatencyMeanMs(1.0).setLatencyGapMs(1.0);
      case "crash" -> b.setConnectErrorCount(requests).setSuccessRate(0.0).setReportCount(0).setReportGap(requests)
          .setScrapeUpRatio(0.0).setCpuUsageRate(null).setResidentMemMb(null).setHeapUsedMb(null)
          .setResidentMemGrowthMbPerS(null).setHeapGrowthMbPerS(null).setRateSpanMs(null);
      case "delay" -> b.setTimeoutCount(requests).setSuccessRate(0.0).setReportCount(0).setReportGap(requests);
      default -> throw new IllegalArgumentException(fault);
    }
    return b;
  }

  /** Writes the rows as one Parquet file in the sink's layout under {@code dataDir}. */
  public static void writeParquet(Path dataDir, List<LabeledWindow> rows) throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve("parquet/date=2026-01-01/hour=00"));
    Path file = dir.resolve("labeled-metrics+0+0000000000+" + String.format("%010d", rows.size() - 1) + ".parquet");
    try (ParquetWriter<LabeledWindow> writer = AvroParquetWriter.<LabeledWindow>builder(new LocalOutputFile(file))
        .withSchema(LabeledWindow.getClassSchema()).withDataModel(org.apache.avro.specific.SpecificData.getForClass(LabeledWindow.class))
        .build()) {
      for (LabeledWindow row : rows) {
        writer.write(row);
      }
    }
  }
}
