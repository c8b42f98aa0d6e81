package dev.twlb.sink;

import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.MetricsEndpoint;
import dev.twlb.servicekit.InstanceIds;
import dev.twlb.servicekit.Service;
import dev.twlb.sink.format.FormattingThread;
import dev.twlb.sink.storage.FileLayout;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code labeled-metrics} to Parquet and CSV continuously. The files on disk are the source
 * of truth for where each partition resumes (highest end offset + 1); Kafka offsets are committed
 * after each file commit too. So a crash at any moment neither loses nor duplicates a row.
 */
public final class LabeledWindowSink implements Service {
  private static final Logger log = LoggerFactory.getLogger(LabeledWindowSink.class);

  private final SinkConfig config;
  private final FileLayout layout;
  private final KafkaConsumer<byte[], byte[]> consumer;
  /** Sinks share a data directory: each running one holds its own instance slot there. */
  private final InstanceIds.Claim instance;
  private final Deserializer<LabeledWindow> values;
  private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
  private final SinkMetrics metrics = new SinkMetrics();
  private final Vertx vertx = Vertx.vertx();
  private final Thread loop;
  /**
   * Writes the CSV files, and finishes and commits files, while the loop writes Parquet: text formatting was the larger
   * half of the work, and a commit no longer holds up the next rows.
   */
  private final FormattingThread formatting;
  private HttpServer http;
  private static final long COMPACTION_EVERY_MS = 60_000;
  /**
   * How long closing the consumer may take once the files and offsets are committed: long enough to leave the group (a
   * dynamic member; one round trip), not to close the fetch session, which waits behind a fetch the broker holds for
   * up to {@code fetch.max.wait.ms} (500 ms) for records that will not come.
   */
  private static final Duration CLOSE_TIMEOUT = Duration.ofMillis(200);
  private long nextCompactionMs = System.currentTimeMillis() + COMPACTION_EVERY_MS;
  private volatile boolean stopped;
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();

  private LabeledWindowSink(SinkConfig config, Map<String, Object> clientProps) {
    this.config = config;
    this.layout = new FileLayout(config.dataDir().toAbsolutePath(), config.topic());
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put("group.id", config.groupId());
    this.instance = InstanceIds.claim(config.instanceId(), "sink", config.dataDir(), config.groupId() + "/" + config.topic());
    if (instance.id() != null) {
      props.put("group.instance.id", instance.id());
    }
    props.put("enable.auto.commit", false);
    props.put("isolation.level", "read_committed");
    props.putIfAbsent("auto.offset.reset", "earliest");
    props.putIfAbsent("max.poll.records", 2_000);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.values = Topics.LABELED_METRICS.renamed(config.topic()).valueSerde(clientProps).deserializer();
    this.loop = new Thread(this::run, "sink-" + config.topic());
    this.formatting = FormattingThread.named("sink-csv-" + config.topic());
    metrics.watch(formatting);
  }

  public static LabeledWindowSink start(SinkConfig config, Map<String, Object> clientProps) {
    LabeledWindowSink sink = new LabeledWindowSink(config, clientProps);
    try {
      sink.http = MetricsEndpoint.serve(sink.vertx, sink.metrics::scrape, "sink", config.host(), config.port());
    } catch (IllegalStateException e) {
      sink.vertx.close();
      sink.consumer.close();
      sink.instance.close();
      sink.formatting.close();
      throw e;
    }
    sink.loop.start();
    log.info("sink writing {} to {} as {} (rotation every {} rows or {} ms)", config.topic(), sink.layout.root(),
        sink.instance.id() == null ? "a dynamic member" : sink.instance.id(), config.rotateRecords(), config.rotateInterval().toMillis());
    return sink;
  }

  public SinkMetrics metrics() {
    return metrics;
  }

  public int metricsPort() {
    return http.actualPort();
  }

  /** Completes with the error that stopped the sink's loop, if one does. */
  @Override
  public CompletionStage<Throwable> failure() {
    return failure;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(config.topic()), new Rebalance());
      while (!stopped) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          break; // close() woke the poll: finish the open files now
        }
        for (ConsumerRecord<byte[], byte[]> record : records) {
          write(record);
        }
        long now = System.currentTimeMillis();
        for (PartitionWriter writer : List.copyOf(writers.values())) {
          if (writer.shouldRotate(now)) {
            writer.commit();
          }
          publish(writer.committed(false));
        }
        compactClosedHours(now);
      }
    } catch (Throwable e) {
      log.error("sink stopped: {}", e.toString(), e);
      failure.complete(e);
    } finally {
      try {
        if (!failure.isDone()) {
          for (PartitionWriter writer : List.copyOf(writers.values())) {
            commitAndWait(writer);
          }
        }
      } catch (IOException | RuntimeException e) {
        log.error("could not finish the open files on shutdown; their rows will be written again on restart", e);
      }
      consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
      instance.close();
    }
  }

  private void write(ConsumerRecord<byte[], byte[]> record) throws IOException {
    LabeledWindow row;
    try {
      row = values.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      metrics.skipped();
      log.warn("skipping {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    if (row == null) {
      return;
    }
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    writers.get(tp).write(record.offset(), row, System.currentTimeMillis());
    metrics.rowReceived();
  }

  /** Once a minute, merges the files of the hours that closed in the partitions this sink owns (it alone writes them). */
  private void compactClosedHours(long now) throws IOException {
    if (config.compactAfter().isZero() || now < nextCompactionMs) {
      return;
    }
    nextCompactionMs = now + COMPACTION_EVERY_MS;
    Instant closedBy = Instant.ofEpochMilli(now).minus(config.compactAfter());
    for (TopicPartition tp : List.copyOf(writers.keySet())) {
      publish(writers.get(tp).committed(true)); // no commit of its files under way while they merge
      HourCompaction.Result done = HourCompaction.compact(layout, tp.partition(), closedBy, config.parquetCodec());
      if (done.hours() > 0) {
        log.info("merged {} closed hours of partition {}: {} files became {} ({} rows)", done.hours(), tp.partition(),
            done.filesBefore(), done.filesAfter(), done.rows());
      }
    }
  }

  /** Commits the writer's open files and waits until every commit of it is done and published. */
  private void commitAndWait(PartitionWriter writer) throws IOException {
    writer.commit();
    publish(writer.committed(true));
  }

  /** Counts finished commits and commits their offsets to Kafka (a restart resumes from the files on disk, though). */
  private void publish(List<PartitionWriter.Committed> commits) {
    for (PartitionWriter.Committed done : commits) {
      metrics.committed(done);
      Map<TopicPartition, OffsetAndMetadata> offsets =
          Map.of(new TopicPartition(config.topic(), done.partition()), new OffsetAndMetadata(done.nextOffset()));
      try {
        consumer.commitSync(offsets);
      } catch (WakeupException e) {
        consumer.commitSync(offsets); // close() woke the consumer here instead of in a poll; a wake-up is thrown once
      }
      log.info("wrote {} files, {} rows of partition {} (next offset {}); {} rows in all", done.files(), done.rows(),
          done.partition(), done.nextOffset(), metrics.rows());
    }
  }

  /** Commits a partition's files before it goes, and resumes a new one from its files on disk. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        PartitionWriter writer = writers.remove(tp);
        if (writer != null) {
          try {
            commitAndWait(writer);
          } catch (IOException e) {
            writer.abort();
            throw new UncheckedIOException("cannot finish the files of " + tp, e);
          }
        }
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(tp -> {
        PartitionWriter writer = writers.remove(tp);
        if (writer != null) {
          writer.abort();
        }
      });
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        try {
          long resume = PartitionWriter.recover(layout, tp.partition());
          if (resume >= 0) {
            consumer.seek(tp, resume);
          }
          writers.put(tp, new PartitionWriter(layout, tp.partition(), config, formatting));
          log.info("partition {} resumes at {}", tp, resume >= 0 ? "offset " + resume + " (from the files on disk)"
              : "its committed offset (no file yet)");
        } catch (IOException e) {
          throw new UncheckedIOException("cannot recover the files of " + tp, e);
        }
      }
    }
  }

  @Override
  public void close() {
    stopped = true;
    consumer.wakeup(); // a poll waiting for records returns at once; the loop then finishes the open files
    try {
      loop.join(30_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    formatting.close();
    vertx.close();
    log.info("sink stopped: {} files, {} rows, by fault_type {}", metrics.files(), metrics.rows(), metrics.rowsByFault());
  }
}
