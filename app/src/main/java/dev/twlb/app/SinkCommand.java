package dev.twlb.app;

import dev.twlb.sink.LabeledMetricsSink;
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
      "sink_files_total, sink_rows_total and sink_rows_by_fault_total{fault_type=...}."})
final class SinkCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Option(names = "--data-dir", defaultValue = "${env:TWLB_DATA_DIR:-./data}", description = "Root of the dataset. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--topic", defaultValue = "labeled-metrics", description = "Topic to write. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--group-id", defaultValue = "${env:TWLB_SINK_GROUP:-twlb-sink}", description = "Consumer group. Default: ${DEFAULT-VALUE}.")
  String groupId;

  @Option(names = "--instance-id", defaultValue = "${env:TWLB_SINK_INSTANCE:-}",
      description = "Static group membership id, unique per sink instance: a restarted sink takes its partitions back at"
          + " once. Default: none (dynamic membership).")
  String instanceId;

  @Option(names = "--rotate-records", defaultValue = "${env:TWLB_ROTATE_RECORDS:-10000}",
      description = "Finish a partition's files after this many rows. Default: ${DEFAULT-VALUE}.")
  int rotateRecords;

  @Option(names = "--rotate-interval", defaultValue = "${env:TWLB_ROTATE_INTERVAL:-30s}", converter = DurationConverter.class,
      description = "...or this long after their first row. Default: ${DEFAULT-VALUE}.")
  Duration rotateInterval;

  @Option(names = "--parquet-codec", defaultValue = "SNAPPY",
      description = "UNCOMPRESSED, SNAPPY, GZIP, ZSTD or LZ4_RAW. Default: ${DEFAULT-VALUE}.")
  String codec;

  @Option(names = "--host", defaultValue = "${env:TWLB_SINK_HOST:-localhost}", description = "Interface of /metrics.")
  String host;

  @Option(names = "--port", defaultValue = "${env:TWLB_SINK_PORT:-9402}", description = "Port of /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    SinkConfig config = new SinkConfig(Map.of(SinkConfig.DATA_DIR, dataDir.toString(), SinkConfig.TOPIC, topic,
        SinkConfig.GROUP_ID, groupId, SinkConfig.INSTANCE_ID, instanceId, SinkConfig.ROTATE_RECORDS, rotateRecords,
        SinkConfig.ROTATE_INTERVAL_MS, rotateInterval.toMillis(), SinkConfig.PARQUET_CODEC, codec,
        SinkConfig.HOST, host, SinkConfig.PORT, port));
    Ports.requireWritable(spec, "--data-dir", dataDir);
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    LabeledMetricsSink sink = LabeledMetricsSink.start(config, props);
    System.out.println("sink writing " + topic + " to " + dataDir.toAbsolutePath() + " (metrics on port " + sink.metricsPort() + ")");
    Services.runUntilStopped(sink);
    return 0;
  }
}
