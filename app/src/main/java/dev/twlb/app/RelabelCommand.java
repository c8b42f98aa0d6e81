package dev.twlb.app;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.DurationConverter;
import dev.twlb.servicekit.GroupProgress;
import dev.twlb.servicekit.Service;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.sink.SinkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "relabel", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Labels a recorded history again with other settings: reads request-events, node-reports, node-metrics and",
      "fault-assignments from their beginning to where they end now, at full speed, into a new topic (and, with",
      "--data-dir, into Parquet and CSV files), shows progress, and stops when done. The live labeler's topic, state",
      "and files are left alone. Windows that would close only after the history ends are not written.",
      "A finished twlb run: twlb relabel --from-run DIR --window 10s --data-dir DIR/relabeled-10s"})
final class RelabelCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Mixin
  WindowOptions windows;

  @Option(names = "--from-run", paramLabel = "DIR", description = "The data directory of a finished twlb run: its "
      + "embedded broker and registry are started again on DIR/kafka instead of using --bootstrap-servers.")
  Path fromRun;

  @Option(names = "--output-topic", description = "Where the new labeled windows go. Default: labeled-metrics-<window>, e.g. labeled-metrics-10s.")
  String outputTopic;

  @Option(names = "--data-dir", description = "Also write the new labeled windows as Parquet and CSV files here.")
  Path dataDir;

  @Option(names = "--progress-every", defaultValue = "5s", converter = DurationConverter.class, description = "How often progress is printed. Default: ${DEFAULT-VALUE}.")
  Duration progressEvery;

  @Override
  public Integer call() throws Exception {
    String output = outputTopic != null ? outputTopic : Topics.LABELED_METRICS.name() + "-" + text(windows.window);
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      Map<String, Object> props = new HashMap<>(clients.all());
      if (fromRun != null) {
        LocalKafka kafka = LocalKafka.on(fromRun);
        started.push(kafka);
        props.putAll(kafka.clientProps());
      }
      return relabel(output, props, started);
    } finally {
      while (!started.isEmpty()) {
        started.pop().close();
      }
    }
  }

  private int relabel(String output, Map<String, Object> props, Deque<AutoCloseable> started) throws Exception {
    String applicationId = "twlb-relabel-" + output;
    Path stateDir = Files.createTempDirectory("twlb-relabel");
    started.push(() -> deleteTree(stateDir)); // after the labeler closes: its stores served this job only
    LabelerConfig config = new LabelerConfig(Map.ofEntries(Map.entry(LabelerConfig.APPLICATION_ID, applicationId),
        Map.entry(LabelerConfig.WINDOW_MS, windows.window.toMillis()), Map.entry(LabelerConfig.GRACE_MS, windows.grace.toMillis()),
        Map.entry(LabelerConfig.OUTPUT_TOPIC, output), Map.entry(LabelerConfig.DLQ_TOPIC, output + "-dlq"),
        Map.entry(LabelerConfig.STREAM_THREADS, windows.streamThreads), Map.entry(LabelerConfig.UNLABELED_WINDOWS, "drop"),
        Map.entry(LabelerConfig.PORT, 0), Map.entry(LabelerConfig.INSTANCE_ID, "dynamic"),
        // early windows are for a live detector: a replayed history would only add old ones to the live topics
        Map.entry(LabelerConfig.EARLY_WINDOW_MS, 0L),
        Map.entry(LabelerConfig.STATE_DIR, stateDir.toString())));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", props.get("bootstrap.servers")))) {
      String requests = config.topic(LabelerConfig.REQUEST_EVENTS_TOPIC);
      int partitions = admin.describeTopics(List.of(requests)).allTopicNames().get().get(requests).partitions().size();
      if (!admin.listTopics().names().get().contains(output)) {
        admin.createTopics(List.of(new NewTopic(output, partitions, (short) 1))).all().get();
      }
      GroupProgress labeling = new GroupProgress(admin, applicationId, config.inputTopics());
      System.out.printf("relabel: %,d input records with %s windows (grace %s) into %s%s%n", labeling.total(),
          text(windows.window), text(windows.grace), output, dataDir == null ? "" : " and " + dataDir);
      Map<String, Object> labelerProps = new HashMap<>(props);
      labelerProps.putAll(LabelerService.HISTORY_SETTINGS);
      LabelerService labeler = LabelerService.start(config, labelerProps);
      started.push(labeler);
      await("labeled", labeling.total(), labeling::done, labeler);
      long windows = labeler.metrics().windowsEmitted();
      System.out.printf("relabel: %,d windows labeled into %s%n", windows, output);
      if (dataDir != null) {
        LabeledWindowSink sink = LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR, dataDir.toString(),
            SinkConfig.TOPIC, output, SinkConfig.GROUP_ID, "twlb-relabel-sink-" + output, SinkConfig.PORT, 0,
            SinkConfig.ROTATE_INTERVAL_MS, 5_000L)), props);
        started.push(sink);
        // rows, not offsets: the topic ends with transaction markers, which the sink's committed offsets never pass
        await("written", windows, () -> sink.metrics().rows(), sink);
        sink.close();
        started.remove(sink);
        System.out.printf("relabel: %,d rows in %s%n", sink.metrics().rows(), dataDir);
      }
    }
    return 0;
  }

  /** Deletes {@code dir} and what it holds; says so when it cannot (the labels are written either way). */
  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.printf("relabel: could not delete its state in %s (%s)%n", dir, e);
    }
  }

  /** Waits until {@code progress} reaches {@code total}, printing it; fails as soon as {@code service}'s work dies. */
  private void await(String what, long total, Callable<Long> progress, Service service) throws Exception {
    long startedAt = System.nanoTime();
    long nextPrint = startedAt + progressEvery.toNanos();
    CompletableFuture<Throwable> failed = service.failure().toCompletableFuture();
    while (progress.call() < total) {
      Throwable cause = failed.getNow(null);
      if (cause != null) {
        throw new IllegalStateException("relabel: stopped with " + progress.call() + " of " + total + " records " + what
            + ": " + cause.getMessage(), cause);
      }
      Thread.sleep(200);
      if (System.nanoTime() >= nextPrint) {
        long done = progress.call();
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        System.out.printf("  %s %,d / %,d records (%.0f%%), %,.0f records/s%n", what, done, total, 100.0 * done / Math.max(1, total),
            done / seconds);
        nextPrint += progressEvery.toNanos();
      }
    }
    System.out.printf("  %s all %,d records in %.1f s%n", what, total, (System.nanoTime() - startedAt) / 1e9);
  }

  /** 10s, 2500ms, 2m: as the options take it. */
  static String text(Duration d) {
    if (d.toMillis() % 60_000 == 0 && d.toMinutes() > 0) {
      return d.toMinutes() + "m";
    }
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
