package dev.twlb.servicekit;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams application as a {@link Service}: exactly-once by default, its metrics on {@code /metrics}. A
 * stream thread that fails is replaced, so one bad moment costs a restart of that thread; a thread that keeps
 * failing ({@value #MAX_FAILURES} times within {@link #FAILURE_WINDOW}) cannot do its work, and the application
 * stops with that error instead of replacing threads forever.
 */
public final class StreamsRunner implements Service {
  private static final Logger log = LoggerFactory.getLogger(StreamsRunner.class);
  static final int MAX_FAILURES = 3;
  static final Duration FAILURE_WINDOW = Duration.ofMinutes(5);

  private final String name;
  private final KafkaStreams streams;
  private final KafkaStreamsMetrics streamsMetrics;
  private final Vertx vertx = Vertx.vertx();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private final Deque<Long> recentFailures = new ArrayDeque<>();
  private volatile Throwable lastError;
  private HttpServer http;

  private StreamsRunner(String name, Topology topology, Properties props, PrometheusMeterRegistry registry) {
    this.name = name;
    this.streams = new KafkaStreams(topology, props);
    this.streamsMetrics = new KafkaStreamsMetrics(streams);
    streamsMetrics.bindTo(registry);
    streams.setUncaughtExceptionHandler(this::onThreadFailure);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        log.info("{} is running: its tasks are assigned and restored", name);
      }
      if (now == KafkaStreams.State.ERROR) {
        failure.complete(lastError != null ? lastError : new IllegalStateException(name + ": Kafka Streams went to ERROR"));
      }
    });
  }

  /**
   * Starts {@code topology} and serves {@code registry} on {@code host:port}.
   *
   * @param settings client and Streams settings; exactly-once v2, String keys and a 60 s transaction timeout
   *     unless they say otherwise
   */
  public static StreamsRunner start(String name, Topology topology, Map<String, Object> settings, PrometheusMeterRegistry registry,
      String host, int port) {
    Properties props = new Properties();
    props.putAll(settings);
    props.putIfAbsent(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.putIfAbsent(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
    // On a busy laptop a stream thread can stall for seconds; a longer transaction timeout keeps that from
    // aborting the transaction and fencing the thread (exactly-once holds either way).
    props.putIfAbsent(StreamsConfig.producerPrefix("transaction.timeout.ms"), 60_000);
    StreamsRunner runner = new StreamsRunner(name, topology, props, registry);
    runner.streams.start();
    try {
      runner.http = MetricsEndpoint.serve(runner.vertx, registry::scrape, name, host, port);
    } catch (IllegalStateException e) {
      runner.close();
      throw e;
    }
    return runner;
  }

  private synchronized StreamThreadExceptionResponse onThreadFailure(Throwable error) {
    lastError = error;
    long now = System.nanoTime();
    recentFailures.addLast(now);
    while (now - recentFailures.peekFirst() > FAILURE_WINDOW.toNanos()) {
      recentFailures.removeFirst();
    }
    if (recentFailures.size() >= MAX_FAILURES) {
      log.error("{} stream thread failed {} times within {} s; stopping", name, recentFailures.size(), FAILURE_WINDOW.toSeconds(), error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    log.error("{} stream thread failed; replacing it", name, error);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  @Override
  public CompletionStage<Throwable> failure() {
    return failure;
  }

  public KafkaStreams.State state() {
    return streams.state();
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
