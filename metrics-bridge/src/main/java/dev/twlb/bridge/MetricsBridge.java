package dev.twlb.bridge;

import dev.twlb.schemas.ScrapeFailure;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.kafka.TopicPublisher;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.servicekit.MetricsEndpoint;
import dev.twlb.servicekit.Service;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes every node's {@code /metrics} on a fixed interval, all nodes concurrently and without
 * blocking, and publishes one {@link MetricSample} per node per scrape to {@code node-metrics}. A
 * refused, timed-out, failed or malformed scrape becomes an {@code up=false} sample with its reason.
 */
public final class MetricsBridge implements Service {
  private static final Logger log = LoggerFactory.getLogger(MetricsBridge.class);

  private final BridgeConfig config;
  private final List<NodeAddress> nodes;
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;
  private final TopicPublisher<MetricSample> samples;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private HttpServer server;
  private final List<Long> timers = new ArrayList<>();

  private MetricsBridge(BridgeConfig config, List<NodeAddress> nodes, Map<String, Object> clientProps) {
    this.config = config;
    this.nodes = List.copyOf(nodes);
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(2));
    this.samples = new TopicPublisher<>(Topics.NODE_METRICS.renamed(config.topic()), MetricSample::getNodeId, clientProps,
        config.publishStallLimit());
  }

  public static MetricsBridge start(BridgeConfig config, List<NodeAddress> nodes, Map<String, Object> clientProps) {
    MetricsBridge bridge = new MetricsBridge(config, nodes, clientProps);
    try {
      bridge.server = MetricsEndpoint.serve(bridge.vertx, bridge.registry::scrape, "metrics bridge", config.host(), config.port());
    } catch (IllegalStateException e) {
      bridge.close();
      throw e;
    }
    bridge.scheduleScrapes();
    log.info("metrics bridge scraping {} nodes every {} ms (own metrics on port {})", nodes.size(),
        config.interval().toMillis(), bridge.port());
    return bridge;
  }

  /**
   * Each node on a timer of its own, the nodes' first scrapes spread evenly over one interval. Scraping every node at
   * once made one event loop take 500 answers in a burst every 2 s (parse, encode, hand to Kafka) and a third of the
   * scrapes of a 500-node run timed out on a 2-core machine. Timers set from outside Vert.x get contexts of their own,
   * spread over the event loops.
   */
  private void scheduleScrapes() {
    long interval = config.interval().toMillis();
    for (int i = 0; i < nodes.size(); i++) {
      NodeAddress node = nodes.get(i);
      timers.add(vertx.setPeriodic(firstScrapeDelayMs(i, nodes.size(), interval), interval, id -> scrape(node)));
    }
  }

  /** When the {@code index}-th of {@code nodes} nodes is first scraped: evenly spread over one interval. */
  static long firstScrapeDelayMs(int index, int nodes, long intervalMs) {
    return index * intervalMs / nodes;
  }

  public int port() {
    return server.actualPort();
  }

  /** Completes when no sample has reached Kafka for the stall limit: the bridge's work is lost. */
  @Override
  public CompletionStage<Throwable> failure() {
    return samples.stalled();
  }

  /** Samples the broker has acknowledged. */
  public long published() {
    return samples.sent();
  }

  private void scrape(NodeAddress node) {
    Instant started = Instant.now();
    long startNanos = System.nanoTime();
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(node.host()).setPort(node.port())
        .setURI("/metrics").setConnectTimeout(config.timeout().toMillis()).setTimeout(config.timeout().toMillis());
    client.request(options)
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> {
          if (response.statusCode() != 200) {
            throw new IllegalStateException("http status " + response.statusCode());
          }
          return body.toString();
        }))
        .onComplete(result -> {
          double ms = (System.nanoTime() - startNanos) / 1e6;
          Timer.builder("bridge.scrape.duration").tag("node", node.id()).register(registry)
              .record(Duration.ofNanos(System.nanoTime() - startNanos));
          if (result.failed()) {
            publishDown(node, started, ms, reason(result.cause()));
            return;
          }
          try {
            samples.publish(Samples.up(node.id(), started, ms, Exposition.parse(result.result(), Samples.READ)));
          } catch (Exposition.MalformedException e) {
            publishDown(node, started, ms, ScrapeFailure.MALFORMED.reason(e.getMessage()));
          }
        });
  }

  private void publishDown(NodeAddress node, Instant started, double ms, String reason) {
    Counter.builder("bridge.scrape.failures").tag("node", node.id()).tag("reason", ScrapeFailure.kindOf(reason))
        .description("Failed scrapes, by node and reason").register(registry).increment();
    samples.publish(Samples.down(node.id(), started, ms, reason));
  }

  private static String reason(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return ScrapeFailure.REFUSED.reason(t.getMessage());
      }
      if (t instanceof TimeoutException || t instanceof io.netty.channel.ConnectTimeoutException
          || t.getClass().getSimpleName().contains("Timeout")) {
        return ScrapeFailure.TIMEOUT.reason(t.getMessage());
      }
    }
    return error.getMessage() != null && error.getMessage().startsWith("http status")
        ? error.getMessage() : ScrapeFailure.FAILED.reason(error.toString());
  }

  @Override
  public void close() {
    timers.forEach(vertx::cancelTimer);
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("metrics bridge did not stop cleanly", e);
    }
    samples.close();
  }
}
