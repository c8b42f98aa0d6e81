package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.sink.SinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sink", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Writes labeled-metrics to Parquet and CSV files, continuously and exactly once.",
      "Files appear under DATA-DIR/parquet/ and DATA-DIR/csv/ in date=YYYY-MM-DD/hour=HH folders by window start,",
      "named <topic>+<partition>+<startOffset>+<endOffset>. A file is visible only when complete; a restart resumes",
      "from the files on disk, so a crash at any moment neither loses nor repeats a row. /metrics on --port reports",
      "sink_files_total, sink_rows_total, sink_rows_by_fault_total{fault_type=...} and sink_csv_waits_total (times",
      "reading waited for the CSV thread, which had 16,384 rows waiting)."})
final class SinkCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Option(names = "--data-dir", descriptionKey = ServiceKeys.SINK + SinkConfig.DATA_DIR, description = "Root of the dataset. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--topic", descriptionKey = ServiceKeys.SINK + SinkConfig.TOPIC, description = "Topic to write. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--group-id", descriptionKey = ServiceKeys.SINK + SinkConfig.GROUP_ID, description = "Consumer group. Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(names = "--instance-id", descriptionKey = ServiceKeys.SINK + SinkConfig.INSTANCE_ID,
      description = "Static group membership id, unique per sink instance: a restarted sink takes its partitions back at"
          + " once. Default: derived from the host and --data-dir, the same at every restart; 'dynamic' for dynamic membership.")
  String instanceId;

  @Option(names = "--rotate-records", descriptionKey = ServiceKeys.SINK + SinkConfig.ROTATE_RECORDS,
      description = "Finish a partition's files after this many rows. Default: ${DEFAULT-VALUE}.")
  int rotateRecords;

  @Option(names = "--rotate-interval", descriptionKey = ServiceKeys.SINK + SinkConfig.ROTATE_INTERVAL_MS, converter = DurationConverter.class,
      description = "...or this long after their first row. Default: ${DEFAULT-VALUE}.")
  Duration rotateInterval;

  @Option(names = "--parquet-codec", descriptionKey = ServiceKeys.SINK + SinkConfig.PARQUET_CODEC,
      description = "UNCOMPRESSED, SNAPPY, GZIP, ZSTD or LZ4_RAW. Default: ${DEFAULT-VALUE}.")
  String codec;

  @Option(names = "--compact-after", descriptionKey = ServiceKeys.SINK + SinkConfig.COMPACT_AFTER_MS, converter = DurationConverter.class,
      description = "Merge an hour's files into one per format and partition this long after the hour ends; 0 = never."
          + " Default: ${DEFAULT-VALUE}.")
  Duration compactAfter;

  @Option(names = "--host", descriptionKey = ServiceKeys.SINK + SinkConfig.HOST, description = "Interface of /metrics.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.SINK + SinkConfig.PORT, description = "Port of /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    SinkConfig config = new SinkConfig(ServiceSettings.of(spec, ServiceKeys.SINK));
    Ports.requireWritable(spec, "--data-dir", dataDir);
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    LabeledWindowSink sink = LabeledWindowSink.start(config, props);
    System.out.println("sink writing " + topic + " to " + dataDir.toAbsolutePath() + " (metrics on port " + sink.metricsPort() + ")");
    return Services.runUntilStopped("sink", sink);
  }
}
