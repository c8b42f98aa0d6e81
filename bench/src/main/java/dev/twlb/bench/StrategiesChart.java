package dev.twlb.bench;

import dev.twlb.detector.OutputFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** Client-seen success over a run, one line per strategy, for one fault mix. */
final class StrategiesChart {
  private StrategiesChart() {}

  static void write(String mix, Map<String, StrategyOutcome> byStrategy, Path file) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(450)
        .title("Client-seen success per " + (int) StrategyOutcome.SUCCESS_BUCKET_SECONDS + " s, " + mix + " fault mix (same schedule for each)")
        .xAxisTitle("seconds since the first scored epoch (the second)").yAxisTitle("success %").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE).setMarkerSize(0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
    byStrategy.forEach((strategy, outcome) -> {
      if (!outcome.successOverTime().isEmpty()) {
        chart.addSeries(strategy, new ArrayList<>(outcome.successOverTime().keySet()), new ArrayList<>(outcome.successOverTime().values()))
            .setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
      }
    });
    OutputFiles.png(chart, file);
  }
}
