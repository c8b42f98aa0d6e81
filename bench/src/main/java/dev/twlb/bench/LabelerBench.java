package dev.twlb.bench;

import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "labeler", mixinStandardHelpOptions = true,
    description = "Labeler catch-up on a preloaded backlog, versus a plain consumer reading (and decoding) the same topics.")
final class LabelerBench implements Callable<Integer> {
  private static final long T0 = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();
  private static final List<Topic<?>> INPUTS = List.of(Topics.REQUEST_EVENTS, Topics.NODE_REPORTS, Topics.NODE_METRICS, Topics.FAULT_ASSIGNMENTS,
      Topics.FAULT_CONFIRMATIONS);

  @Option(names = "--events", defaultValue = "2000000", description = "Request events to preload. Default: ${DEFAULT-VALUE}.")
  int events;

  @Option(names = "--nodes", defaultValue = "500", description = "Nodes the events spread over. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--stream-threads", defaultValue = "1", description = "The labeler's Kafka Streams threads. Default: ${DEFAULT-VALUE}.")
  int streamThreads;

  @Option(names = "--repeat", defaultValue = "1", description = {"Runs the labeler as twlb relabel runs it this many "
      + "times, each from the beginning in the same JVM; its row is the median run, every run is in the facts. Later runs "
      + "run on compiled code: on a noisy machine, --repeat 3 with --events 10000000. Default: ${DEFAULT-VALUE}."})
  int repeat;

  @Spec
  CommandSpec spec;

  @Option(names = "--profile", description = "Write a JFR recording of the labeler run as twlb relabel runs it (the second) to this file.")
  Path profile;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, not " + repeat);
    }
    try (Infra infra = new Infra()) {
      infra.createTopics(3, Topics.SET_UP.toArray(String[]::new));
      Set<String> windows = new HashSet<>();
      long[] counts = preload(infra, windows);
      long inputs = counts[0] + counts[1] + counts[2] + counts[3];
      System.out.printf("preloaded %,d request events, %,d node reports, %,d scrapes, %,d assignments and confirmations (%,d windows to emit)%n",
          counts[0], counts[3], counts[1], counts[2], windows.size());

      // Three times, the median: the first read is also the JVM's first, and one read's figure varies by a fifth.
      double[] plainRuns = new double[3];
      for (int i = 0; i < plainRuns.length; i++) {
        plainRuns[i] = PlainConsumer.recordsPerSecond(infra, INPUTS, inputs, "bench-plain-" + i);
      }
      double plain = Arrays.stream(plainRuns).sorted().toArray()[1];
      LabelerRun live = runLabeler(infra, windows, "bench-labeler", Map.of(), null);
      // After the live one, so its figure stays comparable with earlier runs; these start with a warmer JIT.
      List<LabelerRun> histories = new ArrayList<>();
      for (int i = 0; i < repeat; i++) {
        histories.add(runLabeler(infra, windows, i == 0 ? "bench-relabel" : "bench-relabel-" + i, LabelerService.HISTORY_SETTINGS,
            i == 0 ? profile : null));
      }
      LabelerRun history = histories.stream().sorted(Comparator.comparingDouble(LabelerRun::seconds)).toList().get(repeat / 2);
      double floor = StreamsFloor.recordsPerSecond(infra, "bench-streams-alone", INPUTS, inputs, labelerProps(infra, Map.of()));
      double historyFloor = StreamsFloor.recordsPerSecond(infra, "bench-streams-alone-history", INPUTS, inputs,
          labelerProps(infra, LabelerService.HISTORY_SETTINGS));
      double labeled = inputs / live.seconds();
      double relabeled = inputs / history.seconds();
      new Report("labeler", "stage", "input records/s", "ratio to reference")
          .row("plain consumer, all four topics, Avro decoded (reference; median of three reads)", plain, 1.0)
          .row("twlb labeler, exactly-once, live settings (tasks idle 2 s), from start until the last window is emitted and it closed", labeled, labeled / plain)
          .row("twlb labeler as twlb relabel runs it (tasks do not idle), run second" + (repeat > 1 ? ", median of " + repeat : ""),
              relabeled, relabeled / plain)
          .row("Kafka Streams alone, live settings: read and decode only, run third", floor, floor / plain)
          .row("Kafka Streams alone, as twlb relabel runs it, run last", historyFloor, historyFloor / plain)
          .fact("plain consumer records/s, three reads in order", Arrays.toString(plainRuns))
          .fact("input records", inputs).fact("nodes", nodes).fact("labeler stream threads", streamThreads).fact("windows emitted", windows.size())
          .fact("labeler wall time s, live / relabel settings", live.seconds() + " / " + history.seconds())
          .fact("labeler to Kafka Streams alone, live / relabel settings", labeled / floor + " / " + relabeled / historyFloor)
          .fact("labeler stream threads CPU us per input record, live / relabel settings",
              live.streamCpu() * 1e6 / inputs + " / " + history.streamCpu() * 1e6 / inputs)
          .fact("labeler as twlb relabel runs it, each run in order", String.join("; ", histories.stream().map(run -> String.format(
              "%.0f records/s, stream threads %.3f us CPU a record", inputs / run.seconds(), run.streamCpu() * 1e6 / inputs)).toList()))
          .fact("labeler stream thread time (Kafka Streams' ratios, last window), relabel settings", history.threadTime())
          .fact("whole JVM during the labeler run (broker included), live / relabel settings", live.jvm() + " / " + history.jvm())
          .fact("labeler run from its start, live / relabel settings", live.timeline() + " / " + history.timeline())
          .print(results);
    }
    return 0;
  }

  /** The labeler's catch-up of the whole backlog: from start to the last window emitted and the labeler closed, as before. */
  private record LabelerRun(double seconds, double streamCpu, String threadTime, JvmTime jvm, String timeline) {}

  private LabelerRun runLabeler(Infra infra, Set<String> windows, String applicationId, Map<String, Object> settings, Path profileFile)
      throws Exception {
    long started = System.nanoTime();
    JvmTime jvmAtStart = JvmTime.now();
    double cpu;
    String threadTime;
    long firstWindow;
    long lastWindow;
    try (Profile recording = Profile.start(profileFile);
         LabelerService labeler = LabelerService.start(new LabelerConfig(Map.of(LabelerConfig.APPLICATION_ID, applicationId,
             LabelerConfig.PORT, 0, LabelerConfig.STREAM_THREADS, streamThreads,
             LabelerConfig.STATE_DIR, infra.dir.resolve(applicationId).toString())), labelerProps(infra, settings))) {
      firstWindow = CountAwait.until(applicationId + " windows emitted", labeler.metrics()::windowsEmitted, windows.size(),
          () -> String.format(" (%,d late records, %,d dead letters)", labeler.metrics().lateRecords(), labeler.metrics().deadLetters()),
          () -> missing(infra, windows));
      lastWindow = System.nanoTime();
      cpu = streamThreadsCpuSeconds();
      threadTime = threadTimeRatios(labeler.metricsPort());
    }
    long closed = System.nanoTime();
    return new LabelerRun((closed - started) / 1e9, cpu, threadTime, JvmTime.now().since(jvmAtStart), String.format(
        "first window %.2f s, last window %.2f s, closed %.2f s", (firstWindow - started) / 1e9, (lastWindow - started) / 1e9, (closed - started) / 1e9));
  }

  /** Writes the backlog in event-time order: per node ~10 requests/s, a scrape every 2 s, an assignment per minute. */
  private long[] preload(Infra infra, Set<String> windows) {
    SplittableRandom random = new SplittableRandom(7);
    long requestsPerNode = events / nodes;
    long spanMs = requestsPerNode * 100;
    long[] counts = new long[4];
    Map<String, Object> props = infra.producerProps();
    try (KafkaProducer<String, RequestEvent> requests = KafkaClients.producer(Topics.REQUEST_EVENTS, props);
         KafkaProducer<String, MetricSample> scrapes = KafkaClients.producer(Topics.NODE_METRICS, props);
         KafkaProducer<String, FaultAssignment> assignments = KafkaClients.producer(Topics.FAULT_ASSIGNMENTS, props);
         KafkaProducer<String, FaultConfirmation> confirmations = KafkaClients.producer(Topics.FAULT_CONFIRMATIONS, props);
         KafkaProducer<String, NodeReport> reports = KafkaClients.producer(Topics.NODE_REPORTS, props)) {
      for (long t = 0; t <= spanMs + 60_000; t += 100) {
        for (int n = 1; n <= nodes; n++) {
          String node = NodeList.nodeId(n);
          // The flush carries the next epoch's assignment, as a recorded history does (the scheduler publishes ahead):
          // the assignments partition runs dry only at the end, not early when the history is shorter than an epoch.
          if (t % 60_000 == 0 && t < spanMs || t == spanMs + 60_000) {
            FaultAssignment assignment = FaultAssignment.newBuilder().setEpochId(t / 60_000).setNodeId(node)
                .setFaultType(random.nextInt(5) == 0 ? "delay" : "benign").setParams(Map.of())
                .setEffectiveFromMs(Instant.ofEpochMilli(T0 + t)).setEffectiveUntilMs(Instant.ofEpochMilli(T0 + t + 60_000))
                .setSeed(7).setRunId("bench").build();
            send(assignments, Topics.FAULT_ASSIGNMENTS.name(), node, assignment);
            send(confirmations, Topics.FAULT_CONFIRMATIONS.name(), node, FaultConfirmation.newBuilder().setNodeId(node)
                .setRunId("bench").setEpochId(assignment.getEpochId()).setFaultType(assignment.getFaultType())
                .setEffectiveFromMs(assignment.getEffectiveFromMs()).setAppliedFromMs(assignment.getEffectiveFromMs())
                .setConfirmedAtMs(assignment.getEffectiveFromMs()).setProcessStartMs(Instant.ofEpochMilli(T0)).build());
            counts[2] += 2;
          }
          if (t < spanMs || t == spanMs + 60_000) { // the last one is part of the flush
            send(requests, Topics.REQUEST_EVENTS.name(), node, RequestEvent.newBuilder().setRequestId(Long.toString(counts[0]))
                .setNodeId(node).setTsMs(Instant.ofEpochMilli(T0 + t)).setLatencyMs(1 + random.nextDouble() * 5)
                .setStatusCode(200).setOutcome(Outcome.OK).setBytes(120).build());
            counts[0]++;
            if (t < spanMs) {
              windows.add(node + "@" + (t / 5_000));
            }
            if (t % 1_000 == 0) {
              send(reports, Topics.NODE_REPORTS.name(), node, NodeReport.newBuilder().setRequestId(Long.toString(counts[0])).setNodeId(node)
                  .setTsMs(Instant.ofEpochMilli(T0 + t)).setReportedLatencyMs(2).setStatusCode(200).build());
              counts[3]++;
            }
          }
          boolean flush = t > spanMs; // one scrape a minute after the last request moves event time past every window's grace
          if (flush ? t == spanMs + 60_000 : t % 2_000 == 0) {
            send(scrapes, Topics.NODE_METRICS.name(), node, MetricSample.newBuilder().setNodeId(node).setTsMs(Instant.ofEpochMilli(T0 + t))
                .setUp(true).setScrapeDurationMs(2).setCpuSecondsTotal(t / 1000.0).setResidentMemoryBytes(1e8)
                .setRequestsByStatus(Map.of()).build());
            counts[1]++;
            if (!flush) {
              windows.add(node + "@" + (t / 5_000));
            }
          }
        }
      }
    }
    if (unwritten.get() != null) {
      throw new IllegalStateException("the preload could not write every record: " + unwritten.get(), unwritten.get());
    }
    return counts;
  }

  /** The first record the preload could not write: a history with a hole would be waited for in vain. */
  private final AtomicReference<Exception> unwritten = new AtomicReference<>();

  private <V extends SpecificRecord> void send(KafkaProducer<String, V> producer, String topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
      if (e != null) {
        unwritten.compareAndSet(null, e);
      }
    });
  }

  private static Map<String, Object> labelerProps(Infra infra, Map<String, Object> settings) {
    Map<String, Object> props = infra.clientProps();
    props.putAll(settings);
    // -Dbench.labeler.<Streams or client setting>=<value> tries a setting without a new build.
    System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("bench.labeler."))
        .forEach(name -> props.put(name.substring("bench.labeler.".length()), System.getProperty(name)));
    return props;
  }

  private static void missing(Infra infra, Set<String> expected) {
    Set<String> seen = new HashSet<>();
    try (var consumer = KafkaClients.consumer(Topics.LABELED_METRICS, Map.of("bootstrap.servers", infra.broker.bootstrapServers(),
        "schema.registry.url", infra.registry.url(), "group.id", "bench-check", "auto.offset.reset", "earliest"))) {
      consumer.subscribe(List.of(Topics.LABELED_METRICS.name()));
      for (int i = 0; i < 30; i++) {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value().getNodeId() + "@"
            + (r.value().getWindowStart().toEpochMilli() - T0) / 5_000));
      }
    }
    Set<String> missing = new java.util.TreeSet<>(expected);
    missing.removeAll(seen);
    System.out.println("windows not emitted: " + missing.stream().limit(40).toList());
  }

  /** CPU time of the labeler's stream threads so far (they are this JVM's threads named *StreamThread*). */
  private static double streamThreadsCpuSeconds() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double seconds = 0;
    for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (thread != null && thread.getThreadName().contains("StreamThread")) {
        seconds += Math.max(0, threads.getThreadCpuTime(thread.getThreadId())) / 1e9;
      }
    }
    return seconds;
  }

  /** Kafka Streams' own split of a stream thread's time (poll, process, commit) and its commits, from the labeler's /metrics. */
  private static String threadTimeRatios(int metricsPort) throws Exception {
    // HTTP/1.1: the default HTTP/2 upgrade once failed against the labeler's Vert.x server (a frame "exceeds MAX_FRAME_SIZE").
    HttpResponse<String> metrics = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + metricsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    return metrics.body().lines().filter(line -> line.matches("kafka_stream_thread_((poll|process|commit|punctuate)_ratio|commit_total)\\{.*"))
        .map(line -> line.replaceAll("kafka_stream_thread_(\\w+?)(_ratio)?\\{.*thread_id=\"[^\"]*(StreamThread-\\d+)\".*\\} (.*)", "$3 $1 $4"))
        .sorted().reduce((a, b) -> a + "; " + b).orElse("-");
  }

  /** Reads every input record once and decodes it, as fast as one consumer can. */

}
