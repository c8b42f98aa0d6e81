package dev.twlb.detector.report;

import dev.twlb.detector.OutputFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The report's pictures as PNG files: class balance over time, and each main feature's distribution per class. */
final class ReportCharts {
  /** At most this many bars over time: consecutive epochs share a bar beyond it. */
  private static final int MAX_BARS = 60;

  private ReportCharts() {}

  /** Windows per class in each epoch (or group of consecutive epochs), stacked, in time order. */
  static void classBalance(DatasetSummary summary, Path file) throws IOException {
    List<DatasetSummary.Epoch> epochs = summary.epochs();
    int perBar = Math.max(1, (epochs.size() + MAX_BARS - 1) / MAX_BARS);
    List<String> bars = new ArrayList<>();
    for (int i = 0; i < epochs.size(); i += perBar) {
      bars.add(perBar == 1 ? Integer.toString(i + 1) : (i + 1) + "-" + Math.min(epochs.size(), i + perBar));
    }
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(450).title("Windows per class, epoch after epoch")
        .xAxisTitle(perBar == 1 ? "epoch (in time order)" : "epochs (in time order, " + perBar + " per bar)").yAxisTitle("windows").build();
    chart.getStyler().setStacked(true).setOverlapped(false).setXAxisLabelRotation(bars.size() > 20 ? 90 : 0);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    for (String label : new TreeSet<>(summary.rowsByClass().keySet())) {
      List<Long> counts = new ArrayList<>();
      for (int i = 0; i < epochs.size(); i += perBar) {
        long n = 0;
        for (DatasetSummary.Epoch e : epochs.subList(i, Math.min(epochs.size(), i + perBar))) {
          n += e.rowsByClass().getOrDefault(label, 0L);
        }
        counts.add(n);
      }
      chart.addSeries(label, bars, counts);
    }
    OutputFiles.png(chart, file);
  }

  /** One box per class: the median, quartiles and whiskers of {@code feature} in the sampled clean windows. */
  static boolean featureBoxes(DatasetSummary summary, String feature, Path file) throws IOException {
    BoxChart chart = new BoxChartBuilder().width(1000).height(420).title(feature + " by class (clean windows)")
        .yAxisTitle(feature).build();
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    int drawn = 0;
    for (Map.Entry<String, List<Double>> entry : summary.samples.get(feature).entrySet()) {
      List<Double> values = entry.getValue().stream().filter(v -> !v.isNaN()).toList();
      if (!values.isEmpty()) {
        chart.addSeries(entry.getKey(), values);
        drawn++;
      }
    }
    if (drawn == 0) {
      return false;
    }
    OutputFiles.png(chart, file);
    return true;
  }
}
