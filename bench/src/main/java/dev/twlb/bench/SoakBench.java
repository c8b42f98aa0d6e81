package dev.twlb.bench;

import dev.twlb.detector.DatasetReader;
import dev.twlb.servicekit.DurationConverter;
import dev.twlb.servicekit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A long {@code twlb run} watched from outside: resident memory of its long-lived process and of the nodes, the
 * labeler's and sink's consumer lag, sampled through the run; then every row of its files, by epoch, and any
 * (node, window) written twice.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
    description = {"twlb run for a long time (15 nodes, defaults): rows per epoch, duplicated (node, window),",
        "resident memory and consumer lag over time. Writes soak.json and soak.png."})
final class SoakBench implements Callable<Integer> {
  @Option(names = "--duration", defaultValue = "1h", converter = DurationConverter.class,
      description = "How long the run lasts (whole epochs), e.g. 1h, 10m. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--epoch-duration", defaultValue = "60s", converter = DurationConverter.class,
      description = "Epoch length of the run (twlb run's default). Default: ${DEFAULT-VALUE}.")
  Duration epochDuration;

  @Option(names = "--sample-every", defaultValue = "30s", converter = DurationConverter.class,
      description = "How often memory and lag are sampled. Default: ${DEFAULT-VALUE}.")
  Duration sampleEvery;

  @Option(names = "--warm-up", defaultValue = "10m", converter = DurationConverter.class,
      description = "Samples before this are left out of the memory trend. Default: ${DEFAULT-VALUE}.")
  Duration warmUp;

  @Option(names = "--heap", defaultValue = ChildRun.RUN_LINE_HEAP,
      description = "Heap of the twlb run process, fixed (-Xms = -Xmx) and resident from the start (-XX:+AlwaysPreTouch) as "
          + "bin/twlb run sets it (bin/jvm.options); 'default' leaves it to the JVM (up to a quarter of RAM); 'plain': no JVM option at all. Default: ${DEFAULT-VALUE}.")
  String heap;

  @Option(names = "--nmt", description = "Run twlb run with Native Memory Tracking and write what each part of the JVM "
      + "committed after the warm-up to soak-nmt.txt (costs a few MiB).")
  boolean nmt;

  @Mixin
  JarOptions files;

  @Override
  public Integer call() throws Exception {
    long epochs = Math.max(1, duration.toMillis() / epochDuration.toMillis());
    Path data = Files.createTempDirectory("twlb-soak");
    int brokerPort = FreePort.pick("localhost");
    // Ports of its own, so a soak can run beside a default twlb run or the tests.
    List<String> command = ChildRun.command(files.jar, heap, nmt ? List.of(NativeMemory.flag()) : List.of(), List.of(
        "--epochs", Long.toString(epochs), "--epoch-duration", epochDuration.toSeconds() + "s",
        "--data-dir", data.toString(), "--broker-port", Integer.toString(brokerPort),
        "--registry-port", Integer.toString(FreePort.pick("localhost")), "--lb-port", Integer.toString(FreePort.pick("localhost")),
        "--node-base-port", "31001", "--service-port-base", "31401"));
    String shown = ChildRun.shown(command, files.jar);
    System.out.println("soak: " + shown + ", " + epochs + " epochs of " + epochDuration.toSeconds() + " s, data and log in " + data);
    Process run = ChildRun.start(command, data.resolve("run.log"));
    long started = System.nanoTime();
    List<SoakSample> samples = new ArrayList<>();
    NativeMemory nativeMemory = nmt ? new NativeMemory(run.pid()) : null;
    String sinceWarmUp = null;
    try (ConsumerLag lag = new ConsumerLag("localhost:" + brokerPort)) {
      long next = 0;
      while (run.isAlive()) {
        long now = System.nanoTime() - started;
        if (now >= next) {
          SoakSample sample = SoakSample.take(now / 1e9, run.toHandle(), lag);
          samples.add(sample);
          System.out.println(sample.progressLine());
          if (nativeMemory != null && now >= warmUp.toNanos()) {
            sinceWarmUp = nativeMemory(nativeMemory, sinceWarmUp);
          }
          next += sampleEvery.toNanos();
        }
        Thread.sleep(200);
      }
    } finally {
      run.destroy();
    }
    Files.copy(data.resolve("run.log"), Files.createDirectories(files.results).resolve("soak-run.log"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    if (sinceWarmUp != null) {
      Files.writeString(files.results.resolve("soak-nmt.txt"), shown + "\nNative memory committed since the end of the warm-up ("
          + warmUp.toMinutes() + " min), last look before the run ended:\n" + sinceWarmUp);
    }
    if (run.exitValue() != 0) {
      System.err.println("twlb run ended with exit code " + run.exitValue() + "; see " + data.resolve("run.log"));
      return 1;
    }
    return report(data, shown, epochs, samples);
  }

  /** Takes the baseline on the first call, then the latest summary against it (the previous one if the run just ended). */
  private static String nativeMemory(NativeMemory nativeMemory, String previous) throws InterruptedException {
    try {
      if (previous == null) {
        nativeMemory.baseline();
        return "";
      }
      return nativeMemory.sinceBaseline();
    } catch (java.io.IOException e) {
      return previous;
    }
  }

  private int report(Path data, String shown, long epochs, List<SoakSample> samples) throws Exception {
    Map<Long, Long> rowsByEpoch = new TreeMap<>();
    Map<String, Integer> seen = new HashMap<>();
    DatasetReader.forEachRow(List.of(data), r -> {
      Object epoch = r.get("epoch_id");
      rowsByEpoch.merge(epoch == null ? -1L : (Long) epoch, 1L, Long::sum);
      seen.merge(r.get("node_id") + "@" + DatasetReader.millis(r.get("window_start")), 1, Integer::sum);
    });
    long duplicated = seen.values().stream().filter(n -> n > 1).count();
    long rows = seen.values().stream().mapToLong(Integer::longValue).sum();
    var perEpoch = rowsByEpoch.entrySet().stream().filter(e -> e.getKey() >= 0).mapToLong(Map.Entry::getValue).summaryStatistics();
    SoakSample.Trend runRss = SoakSample.trend(samples, warmUp, SoakSample::runRssMiB);
    SoakSample.Trend nodeRss = SoakSample.trend(samples, warmUp, SoakSample::nodeRssMiB);
    Report report = new Report("soak", "minute", "twlb run RSS (MiB)", "nodes RSS (MiB)", "nodes", "labeler lag", "sink lag");
    long every = Math.max(1, samples.size() / 30); // a table of about 30 lines, however long the soak
    for (int i = 0; i < samples.size(); i += every) {
      SoakSample s = samples.get(i);
      report.row(Math.round(s.seconds() / 60), s.runRssMiB(), s.nodeRssMiB(), s.nodes(), s.labelerLag(), s.sinkLag());
    }
    report.fact("run", shown + " --epochs " + epochs + " --epoch-duration " + epochDuration.toSeconds() + "s (15 nodes, 3 faulty, 5 s windows)")
        .fact("rows in the files", rows)
        .fact("epochs in the files", rowsByEpoch.keySet().stream().filter(e -> e >= 0).count())
        .fact("rows per epoch (min / max)", perEpoch.getMin() + " / " + perEpoch.getMax())
        .fact("rows outside any epoch", rowsByEpoch.getOrDefault(-1L, 0L))
        .fact("(node, window) written more than once", duplicated)
        .fact("twlb run RSS after warm-up, first / last / max (MiB)", runRss.text())
        .fact("nodes RSS after warm-up, first / last / max (MiB)", nodeRss.text())
        .fact("largest labeler lag (records)", samples.stream().mapToLong(SoakSample::labelerLag).max().orElse(0))
        .fact("largest sink lag (records)", samples.stream().mapToLong(SoakSample::sinkLag).max().orElse(0))
        .print(files.results);
    SoakChart.write(samples, files.results.resolve("soak.png"));
    return duplicated == 0 ? 0 : 1;
  }
}
