package dev.twlb.bench;

import dev.twlb.detector.OutputFiles;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** The soak at a glance: memory of the run and its nodes, and consumer lag, over time. */
final class SoakChart {
  private SoakChart() {}

  static void write(List<SoakSample> samples, Path file) throws IOException {
    XYChart chart = new XYChartBuilder().width(1000).height(450).title("Soak: resident memory and consumer lag")
        .xAxisTitle("minutes since start").yAxisTitle("MiB / records").build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE).setMarkerSize(0);
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    List<Double> minutes = samples.stream().map(s -> s.seconds() / 60).toList();
    chart.addSeries("twlb run RSS (MiB)", minutes, samples.stream().map(SoakSample::runRssMiB).toList());
    chart.addSeries("all nodes RSS (MiB)", minutes, samples.stream().map(SoakSample::nodeRssMiB).toList());
    chart.addSeries("labeler lag (records)", minutes, samples.stream().map(s -> (double) Math.max(0, s.labelerLag())).toList());
    chart.addSeries("sink lag (records)", minutes, samples.stream().map(s -> (double) Math.max(0, s.sinkLag())).toList());
    chart.getSeriesMap().values().forEach(s -> s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line));
    OutputFiles.png(chart, file);
  }
}
