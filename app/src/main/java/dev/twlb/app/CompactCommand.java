package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
import dev.twlb.sink.HourCompaction;
import dev.twlb.sink.SinkConfig;
import dev.twlb.sink.format.Format;
import dev.twlb.sink.storage.FileLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "compact", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Merges the files of closed hours: one per format and partition in each hour.",
      "A dataset that grows for days makes thousands of small files, and readers",
      "slow down on them. Merged files keep the <topic>+<partition>+<start>+<end>",
      "names, so a sink resumes where it would have; each hour is swapped in one",
      "commit of the partition's commit log, so a crash at any moment leaves every",
      "row in exactly one file per format. Every topic and partition found in the",
      "files is merged. Run it while no sink writes the directory (a running sink",
      "merges its own hours: twlb sink --compact-after)."})
final class CompactCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--data-dir", descriptionKey = ServiceKeys.SINK + SinkConfig.DATA_DIR, description = "Root of the dataset. Default: ${DEFAULT-VALUE}.")
  Path dataDir;

  @Option(names = "--compact-after", descriptionKey = ServiceKeys.SINK + SinkConfig.COMPACT_AFTER_MS, converter = DurationConverter.class,
      description = "An hour counts as closed this long after it ends. Default: ${DEFAULT-VALUE}.")
  Duration compactAfter;

  @Option(names = "--parquet-codec", descriptionKey = ServiceKeys.SINK + SinkConfig.PARQUET_CODEC,
      description = "Codec of the merged Parquet files. Default: ${DEFAULT-VALUE}.")
  String codec;

  @Override
  public Integer call() throws Exception {
    SinkConfig config = new SinkConfig(ServiceSettings.of(spec, ServiceKeys.SINK));
    if (!Files.isDirectory(dataDir.resolve(Format.PARQUET.extension()))) {
      throw new ParameterException(spec.commandLine(), "--data-dir " + dataDir + ": no parquet/ folder, so no dataset of twlb sink");
    }
    Instant closedBy = Instant.now().minus(config.compactAfter());
    HourCompaction.Result total = new HourCompaction.Result(0, 0, 0, 0);
    for (Map.Entry<String, SortedSet<Integer>> topic : FileLayout.partitionsByTopic(dataDir, Format.PARQUET).entrySet()) {
      FileLayout layout = new FileLayout(dataDir.toAbsolutePath(), topic.getKey());
      for (int partition : topic.getValue()) {
        HourCompaction.Result done = HourCompaction.compact(layout, partition, closedBy, config.parquetCodec());
        System.out.printf("%s partition %d: %d hours merged, %d files became %d (%d rows)%n", topic.getKey(), partition,
            done.hours(), done.filesBefore(), done.filesAfter(), done.rows());
        total = total.plus(done);
      }
    }
    System.out.printf("compacted %s: %d hours, %d files became %d, %d rows%n", dataDir, total.hours(), total.filesBefore(),
        total.filesAfter(), total.rows());
    return 0;
  }
}
