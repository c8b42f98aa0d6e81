package dev.twlb.app;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.servicekit.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The labeler's windows and threads, for {@code twlb labeler} and {@code twlb relabel}. */
final class WindowOptions {
  @Option(names = "--window", descriptionKey = ServiceKeys.LABELER + LabelerConfig.WINDOW_MS, converter = DurationConverter.class,
      description = "Window length. Default: ${DEFAULT-VALUE}.")
  Duration window;

  @Option(names = "--grace", descriptionKey = ServiceKeys.LABELER + LabelerConfig.GRACE_MS, converter = DurationConverter.class,
      description = "How long a window waits for late records; keep it above the balancer's timeout. Default: ${DEFAULT-VALUE}.")
  Duration grace;

  @Option(names = "--stream-threads", descriptionKey = ServiceKeys.LABELER + LabelerConfig.STREAM_THREADS,
      description = "Kafka Streams threads, each on its share of the input partitions: 2 catch up on a backlog faster"
          + " where a core is spare. Default: ${DEFAULT-VALUE}.")
  int streamThreads;
}
