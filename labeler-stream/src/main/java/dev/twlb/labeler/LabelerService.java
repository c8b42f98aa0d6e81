package dev.twlb.labeler;

import dev.twlb.servicekit.MetricsEndpoint;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the labeler topology with exactly-once processing, and serves its {@code /metrics}. */
public final class LabelerService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LabelerService.class);

  private final KafkaStreams streams;
  private final LabelerMetrics metrics;
  private final KafkaStreamsMetrics streamsMetrics;
  private final Vertx vertx = Vertx.vertx();
  private HttpServer http;

  private LabelerService(KafkaStreams streams, LabelerMetrics metrics) {
    this.streams = streams;
    this.metrics = metrics;
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(metrics.registry());
  }

  /**
   * Starts the labeler.
   *
   * @param clientProps bootstrap servers, schema registry URL and any other client or Streams settings
   */
  public static LabelerService start(LabelerConfig config, Map<String, Object> clientProps) {
    Properties props = new Properties();
    props.putAll(clientProps);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
    props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
    // Process the inputs in event-time order even when catching up: a task waits for data on all of its
    // partitions that still have some, instead of racing ahead on one and closing windows too early.
    props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 2_000);
    // Look for closed windows twice a second (default: once). Each look scans the window cache, so looking on
    // every record cost 3/4 of the labeler's time in the catch-up benchmark; a run's last windows close on
    // scrapes that come every 2 s, so a look still follows them.
    props.putIfAbsent("emit.interval.ms.kstreams.windowed.aggregation", 500);
    props.putIfAbsent(StreamsConfig.producerPrefix("compression.type"), "lz4");
    // On a busy laptop a stream thread can stall for seconds; a longer transaction timeout keeps that from
    // aborting the transaction and fencing the thread (exactly-once holds either way).
    props.putIfAbsent(StreamsConfig.producerPrefix("transaction.timeout.ms"), 60_000);
    LabelerMetrics metrics = new LabelerMetrics();
    KafkaStreams streams = new KafkaStreams(LabelerTopology.build(config, clientProps, metrics), props);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("labeler stream thread failed; replacing it", e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    LabelerService service = new LabelerService(streams, metrics);
    streams.start();
    try {
      service.http = MetricsEndpoint.serve(service.vertx, metrics::scrape, "labeler", config.host(), config.port());
    } catch (IllegalStateException e) {
      service.close();
      throw e;
    }
    log.info("labeler {} started: {} ms windows, {} ms grace, metrics on port {}", config.applicationId(),
        config.window().toMillis(), config.grace().toMillis(), service.http.actualPort());
    return service;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public LabelerMetrics metrics() {
    return metrics;
  }

  public int metricsPort() {
    return http.actualPort();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    streamsMetrics.close();
    vertx.close();
  }
}
