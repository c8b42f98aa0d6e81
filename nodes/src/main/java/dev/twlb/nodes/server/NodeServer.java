package dev.twlb.nodes.server;

import dev.twlb.schemas.http.Endpoints;
import dev.twlb.nodes.fault.FaultTimeline;
import dev.twlb.schemas.FaultType;
import dev.twlb.nodes.fault.Reply;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.kafka.TopicPublisher;
import dev.twlb.servicekit.Service;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.http.ProcessAnswer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend node: {@code GET /process}, {@code /metrics}, {@code /health} on an event loop. Its
 * behaviour follows the assignment in force by its own clock: per request (delays on timers, errors,
 * corruption, lies) and per process (a governor tick every 20 ms opens or closes the listening socket
 * for crash and flapping, and drives CPU hogs and memory leaks).
 */
public final class NodeServer implements Service {
  private static final Logger log = LoggerFactory.getLogger(NodeServer.class);
  private static final long TICK_MS = 20;

  private final NodeConfig config;
  private final Vertx vertx;
  private final Clock clock;
  private final Runnable crash;
  private final FaultTimeline timeline;
  private final AssignmentFeed feed;
  private final TopicPublisher<NodeReport> reports;
  private final NodeMetrics metrics;
  private final ResourceFaults resources = new ResourceFaults();
  private final Work work;
  private final Router router;
  private final SplittableRandom random = new SplittableRandom();
  private HttpServer listening;
  private boolean switching;
  private boolean everListened;
  private long governor;

  private NodeServer(NodeConfig config, Map<String, Object> givenClientProps, Clock clock, Runnable crash) {
    Map<String, Object> clientProps = new HashMap<>(givenClientProps);
    clientProps.putIfAbsent("metric.reporters", ""); // no JMX beans for two small clients nobody watches over JMX
    this.config = config;
    this.clock = clock;
    this.crash = crash;
    // One event loop and a few workers for the CPU work of /process: a node is one small service on a shared box.
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4).setInternalBlockingPoolSize(2));
    this.timeline = new FaultTimeline(config.nodeId());
    this.feed = new AssignmentFeed(config.assignmentsTopic(), timeline, config.lookback(), clientProps);
    this.reports = new TopicPublisher<>(Topics.NODE_REPORTS.renamed(config.reportsTopic()), NodeReport::getNodeId, clientProps);
    this.metrics = new NodeMetrics(config.nodeId());
    this.work = Work.calibrated(config.workMs());
    this.router = Router.router(vertx);
    router.get(Endpoints.PROCESS_PATH).handler(this::process);
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", NodeMetrics.CONTENT_TYPE).end(metrics.scrape()));
    router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
        .end("{\"status\":\"UP\",\"node_id\":\"" + config.nodeId() + "\",\"fault_type\":\"" + faultInForce() + "\"}"));
  }

  /** Starts a node whose crash fault kills this process abruptly, as a real crash does. */
  public static NodeServer start(NodeConfig config, Map<String, Object> clientProps) {
    return start(config, clientProps, Clock.systemUTC(), () -> Runtime.getRuntime().halt(137));
  }

  /**
   * Starts a node: reads its recent assignments first (so a node restarted after a crash stays down
   * until the crash epoch ends), then serves. Fails when its port cannot be bound.
   */
  public static NodeServer start(NodeConfig config, Map<String, Object> clientProps, Clock clock, Runnable crash) {
    NodeServer node = new NodeServer(config, clientProps, clock, crash);
    try {
      node.feed.start();
      if (!node.feed.awaitCaughtUp(config.startupWait())) {
        log.warn("{}: assignments not read within {}; serving as benign until they are", config.nodeId(), config.startupWait());
      }
      node.warmUp();
      Promise<Void> firstDecision = Promise.promise();
      node.vertx.runOnContext(v -> node.tick(firstDecision));
      firstDecision.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node.governor = node.vertx.setPeriodic(TICK_MS, TICK_MS, id -> node.tick(null));
      return node;
    } catch (Exception e) {
      node.close();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(config.nodeId() + " cannot serve on " + config.host() + ":" + config.port() + ": "
          + cause.getMessage(), cause);
    } 
  }

  /**
   * Opens and closes a server on a free port once, so the first real listen (the end of a crash
   * epoch, for a node restarted during it) is not slowed by class loading and lands on time.
   */
  private void warmUp() throws Exception {
    HttpServer probe = vertx.createHttpServer().requestHandler(router);
    probe.listen(0, config.host()).compose(s -> s.close()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Whether the node accepts connections right now (false while crashed or flapping off). */
  public synchronized boolean isListening() {
    return listening != null;
  }

  public String id() {
    return config.nodeId();
  }

  public String url() {
    return "http://" + config.host() + ":" + config.port();
  }

  /** The fault this node applies now, by its own clock: what /health shows. */
  private String faultInForce() {
    return timeline.at(clock.millis()).map(FaultAssignment::getFaultType).orElse(FaultType.BENIGN.wireName());
  }

  private void tick(Promise<Void> decided) {
    long now = clock.millis();
    Optional<FaultAssignment> current = timeline.at(now);
    FaultType type = current.map(a -> FaultType.of(a.getFaultType())).orElse(FaultType.BENIGN);
    if (type == FaultType.CRASH && everListened) {
      log.warn("{}: crash fault in force since {}: the process dies now", config.nodeId(), current.get().getEffectiveFromMs());
      crash.run();
    }
    boolean serve = type != FaultType.CRASH && !(type == FaultType.FLAPPING && flappingOff(current.get(), now));
    Future<Void> done = serve ? listen() : unlisten();
    resources.apply(current, now);
    if (decided != null) {
      done.onComplete(decided);
    }
  }

  private static boolean flappingOff(FaultAssignment a, long now) {
    long period = Math.max(100, Math.round(a.getParams().getOrDefault("period_ms", 3000.0)));
    return ((now - a.getEffectiveFromMs().toEpochMilli()) / period) % 2 == 1;
  }

  private synchronized Future<Void> listen() {
    if (listening != null || switching) {
      return Future.succeededFuture();
    }
    switching = true;
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setReuseAddress(true));
    return server.requestHandler(router).listen(config.port(), config.host())
        .andThen(result -> {
          synchronized (this) {
            switching = false;
            if (result.succeeded()) {
              listening = server;
              if (!everListened) {
                log.info("{} serving on {}", config.nodeId(), url());
              }
              everListened = true;
            } else {
              log.warn("{}: cannot listen on {}: {}", config.nodeId(), url(), result.cause().toString());
            }
          }
        }).mapEmpty();
  }

  private synchronized Future<Void> unlisten() {
    if (listening == null || switching) {
      return Future.succeededFuture();
    }
    switching = true;
    HttpServer server = listening;
    listening = null;
    return server.close().andThen(result -> {
      synchronized (this) {
        switching = false;
      }
    });
  }

  private void process(RoutingContext ctx) {
    long startedNanos = System.nanoTime();
    Instant received = clock.instant();
    String requestId = Optional.ofNullable(ctx.request().getHeader(ProcessAnswer.REQUEST_ID_HEADER))
        .orElseGet(() -> UUID.randomUUID().toString());
    Optional<FaultAssignment> current = timeline.at(received.toEpochMilli());
    Reply reply;
    synchronized (random) {
      reply = Reply.decide(current.map(a -> FaultType.of(a.getFaultType())).orElse(FaultType.BENIGN),
          current.map(FaultAssignment::getParams).orElse(Map.of()), random);
    }
    Future<String> result = reply.doesWork() ? vertx.executeBlocking(work::run, false) : Future.succeededFuture("");
    result.onSuccess(value -> {
      long workNanos = System.nanoTime() - startedNanos;
      if (reply.delayMs() > 0) {
        vertx.setTimer(reply.delayMs(), t -> answer(ctx, requestId, received, startedNanos, workNanos, reply, value));
      } else {
        answer(ctx, requestId, received, startedNanos, workNanos, reply, value);
      }
    });
  }

  private void answer(RoutingContext ctx, String requestId, Instant received, long startedNanos, long workNanos,
                      Reply reply, String result) {
    String body;
    if (reply.status() != 200) {
      body = "{\"error\":\"internal error\",\"node_id\":\"" + config.nodeId() + "\"}";
    } else {
      ProcessAnswer answer = ProcessAnswer.of(config.nodeId(), requestId, result);
      body = reply.corrupt()
          ? new ProcessAnswer(answer.nodeId(), requestId, "corrupted-" + result, answer.checksum()).toJson()
          : answer.toJson();
    }
    if (!ctx.response().closed() && !ctx.response().ended()) {
      ctx.response().setStatusCode(reply.status()).putHeader("Content-Type", "application/json").end(body);
    }
    long tookNanos = System.nanoTime() - startedNanos;
    metrics.record(reply.status(), reply.liesAboutLatency() ? workNanos : tookNanos);
    reports.publish(NodeReport.newBuilder()
        .setRequestId(requestId).setNodeId(config.nodeId()).setTsMs(received)
        .setReportedLatencyMs((reply.liesAboutLatency() ? workNanos : tookNanos) / 1e6)
        .setStatusCode(reply.status())
        .build());
  }

  /** Completes when no report has reached Kafka for the stall limit: the node's side of the story is lost. */
  @Override
  public CompletionStage<Throwable> failure() {
    return reports.stalled();
  }

  @Override
  public void close() {
    vertx.cancelTimer(governor);
    resources.close();
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("{}: HTTP server did not stop cleanly", config.nodeId(), e);
    }
    feed.close();
    reports.close();
  }
}
