package dev.twlb.lb.balancer;

import dev.twlb.schemas.http.Endpoints;
import dev.twlb.schemas.Attempt;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.kafka.TopicFeed;
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
import io.vertx.core.json.JsonObject;
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
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancer: a non-blocking HTTP proxy in front of the nodes. Every request gets an id, a
 * node picked by the strategy, and a hard timeout; its outcome as the balancer saw it (with the
 * moment it was sent as event time) goes to {@code request-events}. {@code /metrics} and
 * {@code /health} are the balancer's own. With {@code retries}, a failed attempt is tried again on another node while
 * the request's timeout has time left; the client gets the last attempt's answer. A strategy may also ask for a probe: a
 * copy of a client's request sent to a node it distrusts, whose answer only updates the strategy's evidence. Every
 * attempt is an event, marked REQUEST, RETRY or PROBE.
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
  private final TopicFeed<FaultDetection> detections;
  private HttpServer server;

  private LoadBalancer(LbConfig config, List<NodeAddress> nodes, Map<String, Object> clientProps) {
    this.config = config;
    this.vertx = Vertx.vertx();
    this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerNode()));
    this.strategy = Strategy.create(config.strategy(), nodes, new SplittableRandom(), config.outlierSettings());
    this.detections = config.detectionsTopic() == null ? null : DetectionFeed.start(config.detectionsTopic(), clientProps, strategy);
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

  /**
   * Completes when no request event has reached Kafka for the stall limit (the balancer's record is lost), or the
   * detector's verdicts cannot be read at all.
   */
  @Override
  public CompletionStage<Throwable> failure() {
    return detections == null ? events.stalled() : events.stalled().applyToEither(detections.failure(), cause -> cause);
  }

  private void handle(HttpServerRequest in) {
    switch (in.path()) {
      case "/metrics" -> in.response().putHeader("Content-Type", LbMetrics.CONTENT_TYPE).end(metrics.scrape());
      case "/health" -> in.response().putHeader("Content-Type", "application/json").end(health());
      default -> forward(in);
    }
  }

  /** UP; DEGRADED while the detector's verdicts, when it takes them, are waited for or retried. */
  private String health() {
    if (detections == null) {
      return "{\"status\":\"UP\"}";
    }
    return new JsonObject().put("status", detections.health()).put("detections", detections.status()).encode();
  }

  private void forward(HttpServerRequest in) {
    boolean verify = in.path().equals(Endpoints.PROCESS_PATH);
    serve(in, verify, strategy.pick(), 0, config.retries(), null);
    NodeAddress probed = strategy.probe();
    if (probed != null) { // a copy, to learn whether a distrusted node has recovered: its answer goes to no client
      exchange(new Try(probed, in.uri(), verify, Attempt.PROBE, null), config.timeoutMs(), answer -> { });
    }
  }

  /**
   * One attempt at a client's request on {@code node}; after a failure, the next on another node while time is left
   * before {@code deadlineNanos} (0 for the first attempt: its sending plus the timeout).
   */
  private void serve(HttpServerRequest in, boolean verify, NodeAddress node, long deadlineNanos, int retriesLeft, String retryOf) {
    Try attempt = new Try(node, in.uri(), verify, retryOf == null ? Attempt.REQUEST : Attempt.RETRY, retryOf);
    long deadline = deadlineNanos != 0 ? deadlineNanos : attempt.sentNanos() + config.timeoutMs() * 1_000_000;
    long timeoutMs = Math.max(1, Math.min(config.tryTimeoutMs(), (deadline - attempt.sentNanos() + 999_999) / 1_000_000));
    exchange(attempt, timeoutMs, answer -> {
      var response = in.response();
      if (response.closed()) {
        return;
      }
      if (answer.outcome() != Outcome.OK && retriesLeft > 0 && deadline - System.nanoTime() > 1_000_000) {
        serve(in, verify, strategy.pickOtherThan(node), deadline, retriesLeft - 1, attempt.id());
        return;
      }
      response.putHeader(NODE_HEADER, node.id()).putHeader(OUTCOME_HEADER, answer.outcome().name());
      switch (answer.outcome()) {
        case OK, HTTP_ERROR -> response.setStatusCode(answer.status()).putHeader("Content-Type", "application/json").end(answer.body());
        case TIMEOUT -> response.setStatusCode(504).end();
        default -> response.setStatusCode(502).end();
      }
    });
  }

  /** An attempt: which node, what, and why. */
  private record Try(String id, NodeAddress node, String uri, boolean verify, Instant sentAt, long sentNanos, Attempt kind,
                     String retryOf) {
    Try(NodeAddress node, String uri, boolean verify, Attempt kind, String retryOf) {
      this(UUID.randomUUID().toString(), node, uri, verify, Instant.now(), System.nanoTime(), kind, retryOf);
    }
  }

  /** What an attempt came to; status and body only when the node answered. */
  private record Answer(Outcome outcome, Integer status, Buffer body) {}

  /**
   * Sends one attempt and, when it ends (answered, failed or timed out), tells the strategy, counts it, publishes its
   * RequestEvent, then hands the answer on.
   */
  private void exchange(Try attempt, long timeoutMs, Consumer<Answer> then) {
    AtomicBoolean done = new AtomicBoolean();
    AtomicReference<HttpClientRequest> outbound = new AtomicReference<>();
    NodeAddress node = attempt.node();
    Consumer<Answer> end = answer -> {
      long nanos = System.nanoTime() - attempt.sentNanos();
      strategy.finished(node, answer.outcome(), nanos / 1e6);
      metrics.record(node.id(), answer.outcome(), nanos);
      events.publish(RequestEvent.newBuilder()
          .setRequestId(attempt.id()).setNodeId(node.id()).setTsMs(attempt.sentAt()).setLatencyMs(nanos / 1e6)
          .setStatusCode(answer.status()).setOutcome(answer.outcome()).setBytes(answer.body() == null ? 0 : answer.body().length())
          .setAttempt(attempt.kind().name()).setRetryOf(attempt.retryOf())
          .build());
      then.accept(answer);
    };
    long timer = vertx.setTimer(timeoutMs, t -> {
      if (done.compareAndSet(false, true)) {
        HttpClientRequest request = outbound.get();
        if (request != null) {
          request.reset();
        }
        end.accept(new Answer(Outcome.TIMEOUT, null, null));
      }
    });
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(node.host()).setPort(node.port())
        .setURI(attempt.uri()).setConnectTimeout(timeoutMs)
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
            end.accept(new Answer(Outcomes.ofAnswer(status, body.getBytes(), attempt.id(), attempt.verify()), status, body));
          } else {
            end.accept(new Answer(Outcomes.ofFailure(result.cause()), null, null));
          }
        });
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
