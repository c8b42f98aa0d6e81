package dev.twlb.lb.balancer;

import dev.twlb.schemas.http.Endpoints;
import dev.twlb.schemas.Attempt;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.kafka.TopicPublisher;
import dev.twlb.servicekit.Service;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.http.ProcessAnswer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancer: a non-blocking HTTP proxy in front of the nodes. Every request gets an id, a
 * node picked by the strategy, and a hard timeout; its outcome as the balancer saw it (with the
 * moment it was sent as event time) goes to {@code request-events}. {@code /metrics} and
 * {@code /health} are the balancer's own. With {@code retries}, a failed attempt is tried again on another node while
 * the request's timeout has time left; the client gets the last attempt's answer, and every attempt is an event.
 */
public final class LoadBalancer implements Service {
  private static final Logger log = LoggerFactory.getLogger(LoadBalancer.class);
  /** Headers the balancer adds to its answers, so a client can tell which node served it and how. */
  public static final String NODE_HEADER = "X-Node-Id";
  public static final String OUTCOME_HEADER = "X-Outcome";

  private final LbConfig config;
  private final Vertx vertx;
  private final HttpClient client;
  private final Strategy strategy;
  private final TopicPublisher<RequestEvent> events;
  private final LbMetrics metrics = new LbMetrics();
  private final DetectionFeed detections;
  private HttpServer server;

  private LoadBalancer(LbConfig config, List<NodeAddress> nodes, Map<String, Object> clientProps) {
    this.config = config;
    this.vertx = Vertx.vertx();
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerNode()));
    this.strategy = Strategy.create(config.strategy(), nodes, new SplittableRandom(), config.outlierSettings());
    this.detections = config.detectionsTopic() == null ? null : new DetectionFeed(config.detectionsTopic(), clientProps, strategy);
    this.events = new TopicPublisher<>(Topics.REQUEST_EVENTS.renamed(config.eventsTopic()), RequestEvent::getNodeId, clientProps);
  }

  public static LoadBalancer start(LbConfig config, List<NodeAddress> nodes, Map<String, Object> clientProps) {
    LoadBalancer lb = new LoadBalancer(config, nodes, clientProps);
    try {
      lb.server = lb.vertx.createHttpServer().requestHandler(lb::handle)
          .listen(config.port(), config.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      log.info("load balancer on {} in front of {} nodes ({}, timeout {} ms)", lb.url(), nodes.size(),
          config.strategy(), config.timeoutMs());
      return lb;
    } catch (Exception e) {
      lb.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("balancer cannot listen on " + config.host() + ":" + config.port() + ": "
          + cause.getMessage(), cause);
    }
  }

  public int port() {
    return server.actualPort();
  }

  public String url() {
    return "http://" + config.host() + ":" + port();
  }

  /** Completes when no request event has reached Kafka for the stall limit: the balancer's record is lost. */
  @Override
  public CompletionStage<Throwable> failure() {
    return events.stalled();
  }

  private void handle(HttpServerRequest in) {
    switch (in.path()) {
      case "/metrics" -> in.response().putHeader("Content-Type", LbMetrics.CONTENT_TYPE).end(metrics.scrape());
      case "/health" -> in.response().putHeader("Content-Type", "application/json").end("{\"status\":\"UP\"}");
      default -> forward(in);
    }
  }

  private void forward(HttpServerRequest in) {
    send(in, System.nanoTime() + config.timeoutMs() * 1_000_000, config.retries(), null, null);
  }

  /** One attempt at a client's request: {@code retryOf} and {@code avoid} are the failed attempt's id and node, if any. */
  private void send(HttpServerRequest in, long deadlineNanos, int retriesLeft, String retryOf, NodeAddress avoid) {
    Strategy.Choice choice = strategy.choose(avoid);
    NodeAddress node = choice.node();
    Try attempt = new Try(UUID.randomUUID().toString(), node, Instant.now(), System.nanoTime(),
        retryOf != null ? Attempt.RETRY : choice.probe() ? Attempt.PROBE : Attempt.REQUEST,
        retryOf);
    boolean verify = in.path().equals(Endpoints.PROCESS_PATH);
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<HttpClientRequest> outbound = new AtomicReference<>();
    long timeoutMs = Math.max(1, Math.min(config.tryTimeoutMs(), (deadlineNanos - attempt.sentNanos()) / 1_000_000));

    long timer = vertx.setTimer(timeoutMs, t -> {
      if (done.compareAndSet(false, true)) {
        HttpClientRequest request = outbound.get();
        if (request != null) {
          request.reset();
        }
        ended(in, attempt, Outcome.TIMEOUT, null, null, deadlineNanos, retriesLeft);
      }
    });
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(node.host()).setPort(node.port())
        .setURI(in.uri()).setConnectTimeout(timeoutMs)
        .putHeader(ProcessAnswer.REQUEST_ID_HEADER, attempt.id());
    client.request(options)
        .compose(request -> {
          outbound.set(request);
          return request.send();
        })
        .compose(response -> response.body().map(body -> Map.entry(response.statusCode(), body)))
        .onComplete(result -> {
          if (!done.compareAndSet(false, true)) {
            return;
          }
          vertx.cancelTimer(timer);
          if (result.succeeded()) {
            int status = result.result().getKey();
            Buffer body = result.result().getValue();
            Outcome outcome = Outcomes.ofAnswer(status, body.getBytes(), attempt.id(), verify);
            ended(in, attempt, outcome, status, body, deadlineNanos, retriesLeft);
          } else {
            ended(in, attempt, Outcomes.ofFailure(result.cause()), null, null, deadlineNanos, retriesLeft);
          }
        });
  }

  private record Try(String id, NodeAddress node, Instant sentAt, long sentNanos, Attempt kind,
                         String retryOf) {}

  private void ended(HttpServerRequest in, Try attempt, Outcome outcome, Integer status, Buffer body, long deadlineNanos,
                     int retriesLeft) {
    long nanos = System.nanoTime() - attempt.sentNanos();
    NodeAddress node = attempt.node();
    strategy.finished(node, outcome, nanos / 1e6);
    metrics.record(node.id(), outcome, nanos);
    events.publish(RequestEvent.newBuilder()
        .setRequestId(attempt.id()).setNodeId(node.id()).setTsMs(attempt.sentAt()).setLatencyMs(nanos / 1e6)
        .setStatusCode(status).setOutcome(outcome).setBytes(body == null ? 0 : body.length())
        .setAttempt(attempt.kind()).setRetryOf(attempt.retryOf())
        .build());
    var response = in.response();
    if (response.closed()) {
      return;
    }
    if (outcome != Outcome.OK && retriesLeft > 0 && deadlineNanos - System.nanoTime() > 1_000_000) {
      send(in, deadlineNanos, retriesLeft - 1, attempt.id(), node);
      return;
    }
    response.putHeader(NODE_HEADER, node.id()).putHeader(OUTCOME_HEADER, outcome.name());
    switch (outcome) {
      case OK, HTTP_ERROR -> response.setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
      case TIMEOUT -> response.setStatusCode(504).end();
      default -> response.setStatusCode(502).end();
    }
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("balancer did not stop cleanly", e);
    }
    events.close();
    if (detections != null) {
      detections.close();
    }
  }
}
