package dev.twlb.bench;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.labeler.LabelerService;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.KafkaClients;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "labeler", mixinStandardHelpOptions = true,
    description = "Labeler catch-up on a preloaded backlog, versus a plain consumer reading (and decoding) the same topics.")
final class LabelerBench implements Callable<Integer> {
  private static final long T0 = Instant.parse("2026-11-24T00:00:00Z").toEpochMilli();

  @Option(names = "--events", defaultValue = "2000000", description = "Request events to preload. Default: ${DEFAULT-VALUE}.")
  int events;

  @Option(names = "--nodes", defaultValue = "500", description = "Nodes the events spread over. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Override
  public Integer call() throws Exception {
    try (Infra infra = new Infra()) {
      infra.createTopics(3, "request-events", "node-reports", "node-metrics", "fault-assignments", "labeled-metrics", "labeler-dlq");
      Set<String> windows = new HashSet<>();
      long[] counts = preload(infra, windows);
      long inputs = counts[0] + counts[1] + counts[2];
      System.out.printf("preloaded %,d request events, %,d scrapes, %,d assignments (%,d windows to emit)%n",
          counts[0], counts[1], counts[2], windows.size());

      double plain = plainConsumer(infra, inputs);
      long started = System.nanoTime();
      try (LabelerService labeler = LabelerService.start(new LabelerConfig(Map.of(LabelerConfig.APPLICATION_ID, "bench-labeler",
          LabelerConfig.PORT, 0)), infra.clientProps(), infra.dir.resolve("state"))) {
        while (labeler.metrics().windowsEmitted() < windows.size()) {
          Thread.sleep(100);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      double labeled = inputs / seconds;
      new Report("labeler", "stage", "input records/s", "ratio to reference")
          .row("plain consumer, all four topics, Avro decoded (reference)", plain, 1.0)
          .row("twlb labeler, exactly-once, from start to the last window emitted", labeled, labeled / plain)
          .fact("input records", inputs).fact("nodes", nodes).fact("windows emitted", windows.size())
          .fact("labeler wall time s", seconds)
          .print(results);
    }
    return 0;
  }

  /** Writes the backlog in event-time order: per node ~10 requests/s, a scrape every 2 s, an assignment per minute. */
  private long[] preload(Infra infra, Set<String> windows) {
    SplittableRandom random = new SplittableRandom(7);
    long requestsPerNode = events / nodes;
    long spanMs = requestsPerNode * 100;
    long[] counts = new long[3];
    Map<String, Object> props = infra.clientProps();
    try (KafkaProducer<String, RequestEvent> requests = KafkaClients.producer(Topics.REQUEST_EVENTS, props);
         KafkaProducer<String, MetricSample> scrapes = KafkaClients.producer(Topics.NODE_METRICS, props);
         KafkaProducer<String, FaultAssignment> assignments = KafkaClients.producer(Topics.FAULT_ASSIGNMENTS, props)) {
      for (long t = 0; t <= spanMs + 60_000; t += 100) {
        for (int n = 1; n <= nodes; n++) {
          String node = "node-" + n;
          if (t % 60_000 == 0 && t < spanMs) {
            send(assignments, "fault-assignments", node, FaultAssignment.newBuilder().setEpochId(t / 60_000).setNodeId(node)
                .setFaultType(random.nextInt(5) == 0 ? "delay" : "benign").setParams(Map.of())
                .setEffectiveFromMs(Instant.ofEpochMilli(T0 + t)).setEffectiveUntilMs(Instant.ofEpochMilli(T0 + t + 60_000))
                .setSeed(7).setRunId("bench").build());
            counts[2]++;
          }
          if (t < spanMs) {
            send(requests, "request-events", node, RequestEvent.newBuilder().setRequestId(Long.toString(counts[0]))
                .setNodeId(node).setTsMs(Instant.ofEpochMilli(T0 + t)).setLatencyMs(1 + random.nextDouble() * 5)
                .setStatusCode(200).setOutcome(Outcome.OK).setBytes(120).build());
            counts[0]++;
            windows.add(node + "@" + (t / 5_000));
          }
          if (t % 2_000 == 0) {
            boolean flush = t > spanMs; // scrapes after the last request move event time past every window's grace
            send(scrapes, "node-metrics", node, MetricSample.newBuilder().setNodeId(node).setTsMs(Instant.ofEpochMilli(T0 + t))
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
    return counts;
  }

  private static <V extends SpecificRecord> void send(KafkaProducer<String, V> producer, String topic, String key, V value) {
    producer.send(new ProducerRecord<>(topic, key, value));
  }

  /** Reads every input record once and decodes it, as fast as one consumer can. */
  private static double plainConsumer(Infra infra, long expected) {
    Map<String, Object> props = infra.clientProps();
    var requestValues = Topics.REQUEST_EVENTS.valueSerde(props).deserializer();
    var scrapeValues = Topics.NODE_METRICS.valueSerde(props).deserializer();
    var assignmentValues = Topics.FAULT_ASSIGNMENTS.valueSerde(props).deserializer();
    long read = 0;
    long started = System.nanoTime();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", props.get("bootstrap.servers"),
        "group.id", "bench-plain", "auto.offset.reset", "earliest", "max.poll.records", 5_000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("request-events", "node-metrics", "fault-assignments"));
      while (read < expected) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(200));
        for (var r : batch) {
          switch (r.topic()) {
            case "request-events" -> requestValues.deserialize(r.topic(), r.value());
            case "node-metrics" -> scrapeValues.deserialize(r.topic(), r.value());
            default -> assignmentValues.deserialize(r.topic(), r.value());
          }
          read++;
        }
      }
    }
    return read / ((System.nanoTime() - started) / 1e9);
  }
}
