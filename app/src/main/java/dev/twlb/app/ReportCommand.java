package dev.twlb.app;

import dev.twlb.detector.report.DatasetReport;
import dev.twlb.detector.report.ReportConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Describes a dataset before you train on it, as a page to look at.",
      "Reads the Parquet files of the data directories once and writes to --out:",
      "index.html (open it in a browser), report.json, class-balance.png (windows",
      "per class, epoch after epoch) and one picture per main feature (its",
      "distribution per class in clean windows). The page also lists rows by class",
      "and by run and epoch, label purity, missing values per column, the time",
      "span and the file counts."})
final class ReportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", required = true, split = ",", paramLabel = "DIR", descriptionKey = ServiceKeys.REPORT + ReportConfig.DATA_DIRS,
      description = "A data directory of twlb run or twlb sink (repeatable, or comma-separated).")
  List<Path> dataDirs;

  @Option(names = "--out", paramLabel = "DIR", descriptionKey = ServiceKeys.REPORT + ReportConfig.OUT_DIR,
      description = "Where the page, report.json and pictures go. Default: DATA-DIR/report.")
  Path out;

  @Option(names = "--sample-per-class", descriptionKey = ServiceKeys.REPORT + ReportConfig.SAMPLE_PER_CLASS,
      description = "Clean windows per class drawn for the feature pictures. Default: ${DEFAULT-VALUE}.")
  int samplePerClass;

  @Override
  public Integer call() throws Exception {
    DatasetReport.write(new ReportConfig(ServiceSettings.of(spec, ServiceKeys.REPORT)), System.out);
    return 0;
  }
}
