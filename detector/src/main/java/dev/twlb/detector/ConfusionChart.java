package dev.twlb.detector;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/**
 * The confusion matrix as a PNG heat map: one row per true class, one column per predicted class,
 * each cell the share (%) of the true class's windows that got that prediction, so the diagonal is
 * each class's recall whatever its size.
 */
final class ConfusionChart {
  private ConfusionChart() {}

  static Path write(Scores scores, Path file, String title) throws IOException {
    List<String> labels = scores.labels();
    long[][] matrix = scores.confusion();
    HeatMapChart chart = new HeatMapChartBuilder().width(200 + 70 * labels.size()).height(160 + 50 * labels.size())
        .title(title).xAxisTitle("predicted").yAxisTitle("true").build();
    chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("#0").setMin(0).setMax(100)
        .setRangeColors(new Color[] {new Color(0xF7FBFF), new Color(0x6BAED6), new Color(0x08306B)});
    chart.getStyler().setXAxisLabelRotation(45);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    List<Number[]> cells = new ArrayList<>();
    for (int t = 0; t < labels.size(); t++) {
      long total = 0;
      for (long n : matrix[t]) {
        total += n;
      }
      for (int p = 0; p < labels.size(); p++) {
        // y runs bottom-up in XChart: the first class goes on top, as in a table
        cells.add(new Number[] {p, labels.size() - 1 - t, total == 0 ? 0 : Math.round(100.0 * matrix[t][p] / total)});
      }
    }
    chart.addSeries("share of the true class (%)", labels, reversed(labels), cells);
    return OutputFiles.png(chart, file);
  }

  private static List<String> reversed(List<String> labels) {
    List<String> copy = new ArrayList<>(labels);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
