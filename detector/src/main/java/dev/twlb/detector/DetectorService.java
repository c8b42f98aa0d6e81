package dev.twlb.detector;

import dev.twlb.servicekit.MetricsEndpoint;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code twlb detect}: scores {@code labeled-metrics} into {@code fault-detections}, exactly once, and serves {@code /metrics}. */
public final class DetectorService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DetectorService.class);

  private final KafkaStreams streams;
  private final DetectorMetrics metrics;
  private final DetectorModel model;
  private final KafkaStreamsMetrics streamsMetrics;
  private final Vertx vertx = Vertx.vertx();
  private HttpServer http;

  private DetectorService(KafkaStreams streams, DetectorMetrics metrics, DetectorModel model) {
    this.streams = streams;
    this.metrics = metrics;
    this.model = model;
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(metrics.registry());
  }

  /**
   * @param clientProps bootstrap servers, schema registry URL and any other client or Streams settings
   *     (the topology is stateless: Streams' default state directory serves)
   */
  public static DetectorService start(DetectorConfig config, Map<String, Object> clientProps) {
    DetectorModel model = DetectorModel.load(config.modelFile());
    Properties props = new Properties();
    props.putAll(clientProps);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    props.putIfAbsent(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
    props.putIfAbsent(StreamsConfig.producerPrefix("transaction.timeout.ms"), 60_000);
    DetectorMetrics metrics = new DetectorMetrics(config.recentWindows());
    KafkaStreams streams = new KafkaStreams(DetectorTopology.build(config, model, clientProps, metrics, Clock.systemUTC()), props);
    streams.setUncaughtExceptionHandler(e -> {
      log.error("detector stream thread failed; replacing it", e);
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    DetectorService service = new DetectorService(streams, metrics, model);
    streams.start();
    try {
      service.http = MetricsEndpoint.serve(service.vertx, metrics::scrape, "detector", config.host(), config.port());
    } catch (IllegalStateException e) {
      service.close();
      throw e;
    }
    log.info("detector {} started with model {}: {} -> {}, metrics on port {}", config.applicationId(), model.id(),
        config.inputTopic(), config.outputTopic(), service.http.actualPort());
    return service;
  }

  public String modelId() {
    return model.id();
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public DetectorMetrics metrics() {
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
