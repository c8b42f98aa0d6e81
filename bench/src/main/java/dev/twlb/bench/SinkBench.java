package dev.twlb.bench;

import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.sink.SinkMetrics;
import dev.twlb.sink.SinkConfig;
import dev.twlb.sink.format.ParquetRecordWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sink", mixinStandardHelpOptions = true,
    description = "Rows/s from labeled-metrics into Parquet + CSV files, versus a bare parquet-avro writer of the same rows with the"
        + " sink's Parquet settings; five rounds of both in one JVM, the medians.")
final class SinkBench implements Callable<Integer> {
  private static final int ROUNDS = 5;

  @Option(names = "--rows", defaultValue = "300000", description = "Rows to write. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--profile",
      description = "Write a JFR recording of the rounds to this file (thread main is the bare writer, sink-* the sink).")
  Path profile;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Override
  public Integer call() throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    List<LabeledWindow> data = new ArrayList<>(rows);
    for (long i = 0; i < rows; i++) {
      data.add(SyntheticRows.row(i, random));
    }
    try (Infra infra = new Infra()) {
      infra.createTopics(3, Topics.LABELED_METRICS.name());
      try (KafkaProducer<String, LabeledWindow> producer = KafkaClients.producer(Topics.LABELED_METRICS, infra.producerProps())) {
        for (LabeledWindow row : data) {
          producer.send(new ProducerRecord<>(Topics.LABELED_METRICS.name(), row.getNodeId(), row));
        }
        producer.flush();
      }
      // Rounds of the bare writer then a sink, and the median: the first rounds are also the JVM's first, and this
      // machine's speed drifts by a third within minutes, so each sink run is compared with the bare write just before.
      List<Double> bareRuns = new ArrayList<>();
      List<Double> sinkRuns = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      List<Long> csvWaits = new ArrayList<>();
      try (Profile recording = Profile.start(profile)) {
        for (int round = 0; round < ROUNDS; round++) {
          bareRuns.add(bareParquet(data, infra.dir.resolve("bare-" + round + ".parquet")));
          sinkRuns.add(sink(infra, round, csvWaits));
          ratios.add(sinkRuns.get(round) / bareRuns.get(round));
        }
      }
      new Report("sink", "stage", "rows/s", "ratio to reference")
          .row("bare parquet-avro writer, one file, the sink's Parquet settings (reference; median of " + ROUNDS + " rounds)",
              StrategyOutcome.median(bareRuns), 1.0)
          .row("twlb sink: Kafka -> Parquet + CSV, 10,000-row files, atomic commits (median of " + ROUNDS + " rounds; ratio: the"
              + " median of each round's)", StrategyOutcome.median(sinkRuns), StrategyOutcome.median(ratios))
          .fact("rows", rows).fact("parquet codec", "SNAPPY")
          .fact("bare writer rows/s, each round in order", rounded(bareRuns))
          .fact("sink rows/s, each round in order (a new group and data directory each)", rounded(sinkRuns))
          .fact("ratio, each round in order", ratios.stream().map(r -> String.format("%.3f", r)).toList().toString())
          .fact("times the sink waited for its CSV thread, each round in order", csvWaits.toString())
          .fact("Parquet bytes: the bare writer's file / the sink's files (first round)",
              bytes(infra.dir.resolve("bare-0.parquet")) + " / " + bytes(infra.dir.resolve("data-0").resolve("parquet")))
          .print(results);
    }
    return 0;
  }

  /** One sink from the topic's beginning until every row is in a visible file; rows/s. Adds its waits for its CSV thread to {@code csvWaits}. */
  private double sink(Infra infra, int run, List<Long> csvWaits) throws Exception {
    long started = System.nanoTime();
    SinkMetrics metrics;
    try (LabeledWindowSink sink = LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR,
        infra.dir.resolve("data-" + run).toString(), SinkConfig.GROUP_ID, "bench-sink-" + run, SinkConfig.PORT, 0)),
        infra.clientProps())) {
      while (sink.metrics().received() < rows) {
        Thread.sleep(20);
      }
      metrics = sink.metrics();
    } // closing the sink finishes the files still open: the clock stops when every row is in a visible file
    double rate = rows / ((System.nanoTime() - started) / 1e9);
    csvWaits.add(metrics.csvWaits());
    return rate;
  }

  private static String rounded(List<Double> rates) {
    return rates.stream().map(rate -> String.format("%,.0f", rate)).toList().toString();
  }

  /** Bytes of a file, or of every file under a directory. */
  private static long bytes(Path path) throws IOException {
    try (Stream<Path> files = Files.walk(path)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
    }
  }

  private static double bareParquet(List<LabeledWindow> data, Path file) throws Exception {
    long started = System.nanoTime();
    try (ParquetWriter<LabeledWindow> writer = ParquetRecordWriter.parquetAvroWriter(file, CompressionCodecName.SNAPPY)) {
      for (LabeledWindow row : data) {
        writer.write(row);
      }
    }
    return data.size() / ((System.nanoTime() - started) / 1e9);
  }
}
