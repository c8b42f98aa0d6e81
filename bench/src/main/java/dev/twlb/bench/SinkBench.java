package dev.twlb.bench;

import dev.twlb.schemas.kafka.KafkaClients;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.serde.RecordClasses;
import dev.twlb.sink.LabeledWindowSink;
import dev.twlb.sink.SinkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sink", mixinStandardHelpOptions = true,
    description = "Rows/s from labeled-metrics into Parquet + CSV files, versus a bare parquet-avro writer of the same rows.")
final class SinkBench implements Callable<Integer> {
  @Option(names = "--rows", defaultValue = "300000", description = "Rows to write. Default: ${DEFAULT-VALUE}.")
  int rows;

  @Option(names = "--profile", description = "Write a JFR recording of the sink phase to this file.")
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
      double bare = bareParquet(data, infra.dir.resolve("bare.parquet"));
      infra.createTopics(3, Topics.LABELED_METRICS.name());
      try (KafkaProducer<String, LabeledWindow> producer = KafkaClients.producer(Topics.LABELED_METRICS, infra.clientProps())) {
        for (LabeledWindow row : data) {
          producer.send(new ProducerRecord<>(Topics.LABELED_METRICS.name(), row.getNodeId(), row));
        }
        producer.flush();
      }
      long started = System.nanoTime();
      try (Profile profile = Profile.start(this.profile);
           LabeledWindowSink sink = LabeledWindowSink.start(new SinkConfig(Map.of(SinkConfig.DATA_DIR,
               infra.dir.resolve("data").toString(), SinkConfig.PORT, 0)), infra.clientProps())) {
        while (sink.metrics().received() < rows) {
          Thread.sleep(20);
        }
      } // closing the sink finishes the files still open: the clock stops when every row is in a visible file
      double sinkRate = rows / ((System.nanoTime() - started) / 1e9);
      new Report("sink", "stage", "rows/s", "ratio to reference")
          .row("bare parquet-avro writer, one file (reference)", bare, 1.0)
          .row("twlb sink: Kafka -> Parquet + CSV, 10,000-row files, atomic commits", sinkRate, sinkRate / bare)
          .fact("rows", rows).fact("parquet codec", "SNAPPY")
          .print(results);
    }
    return 0;
  }

  private static double bareParquet(List<LabeledWindow> data, Path file) throws Exception {
    long started = System.nanoTime();
    try (ParquetWriter<LabeledWindow> writer = AvroParquetWriter.<LabeledWindow>builder(new LocalOutputFile(file))
        .withSchema(RecordClasses.portableSchemaOf(LabeledWindow.class))
        .withDataModel(SpecificData.getForClass(LabeledWindow.class))
        .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
      for (LabeledWindow row : data) {
        writer.write(row);
      }
    }
    return data.size() / ((System.nanoTime() - started) / 1e9);
  }
}
