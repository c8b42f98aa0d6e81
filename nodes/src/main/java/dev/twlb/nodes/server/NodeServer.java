package dev.twlb.nodes.server;

import dev.twlb.schemas.http.Endpoints;
import dev.twlb.nodes.fault.FaultTimeline;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.servicekit.Service;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend node: {@code GET /process}, {@code /metrics}, {@code /health} on an event loop. Its
 * behaviour follows the assignment in force by its own clock: per request (delays on timers, errors,
 * corruption, lies) and per process (a governor tick every 20 ms, 100 ms in a host, opens or closes the listening socket
 * for crash and flapping, and drives CPU hogs and memory leaks).
 */
public final class NodeServer implements Service {
  /** The jar node processes run from, beside {@code twlb.jar}: only what a node loads (app/pom.xml builds it). */
  public static final String JAR = "twlb-node.jar";
  private static final Logger log = LoggerFactory.getLogger(NodeServer.class);
  /** A node process's governor tick: crash and flapping switches land within 20 ms. */
  private static final long TICK_MS = 20;
  /**
   * A hosted node's: 500 nodes ticking every 20 ms kept an idle host busy on 1.25 cores (25,000 event-loop wake-ups a
   * second); switches land within 100 ms (flapping periods are 100 ms and more).
   */
  private static final long HOSTED_TICK_MS = 100;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final NodeConfig config;
  private final NodeRuntime runtime;
  /** Whether this node has the runtime to itself (a node process) and closes it with itself. */
  private final boolean ownsRuntime;
  private final Vertx vertx;
  /** The node's own event loop: its server, timers and handlers run there. */
  private final Context context;
  private final Clock clock;
  private final Runnable crash;
  private final FaultTimeline timeline;
  private final Confirmations confirmations;
  private final NodeMetrics metrics;
  private final ProcessHandler requests;
  private volatile long eventLoopThread = -1;
  private final ResourceFaults resources;
  private final Router router;
  private final NodeListener listener;
  private boolean crashed;
  private volatile long governor = -1;

  private NodeServer(NodeConfig config, NodeRuntime runtime, boolean ownsRuntime, Function<NodeServer, ProcessFigures> figures,
                     Runnable crash) {
    this.config = config;
    this.runtime = runtime;
    this.ownsRuntime = ownsRuntime;
    this.vertx = runtime.vertx;
    this.context = runtime.eventLoopOfItsOwn();
    this.clock = runtime.clock;
    this.crash = crash;
    this.timeline = runtime.timeline(config.nodeId());
    this.confirmations = new Confirmations(config.nodeId(), timeline, runtime.confirmations);
    this.metrics = new NodeMetrics(config.nodeId(), figures.apply(this));
    this.requests = new ProcessHandler(config.nodeId(), timeline, clock, vertx, runtime.work(config.workMs()), metrics,
        runtime.reports);
    this.resources = new ResourceFaults(runtime.resourceFaultStrength);
    this.router = Router.router(vertx);
    router.get(Endpoints.PROCESS_PATH).handler(requests);
    router.get("/metrics").handler(ctx -> ctx.response().putHeader("Content-Type", NodeMetrics.CONTENT_TYPE).end(metrics.scrape()));
    router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json").end(health()));
    this.listener = new NodeListener(vertx, router, config);
  }

  /** The id of the event loop thread the node runs on; -1 before it started. */
  long eventLoopThreadId() {
    return eventLoopThread;
  }

  /** Starts a node whose crash fault kills this process abruptly, as a real crash does. */
  public static NodeServer start(NodeConfig config, Map<String, Object> clientProps) {
    return start(config, clientProps, Clock.systemUTC(), () -> Runtime.getRuntime().halt(137));
  }

  /**
   * Starts a node in a process of its own: reads its recent assignments first (so a node restarted after a crash
   * stays down until the crash epoch ends), then serves. Fails when its port cannot be bound.
   */
  public static NodeServer start(NodeConfig config, Map<String, Object> clientProps, Clock clock, Runnable crash) {
    NodeRuntime runtime = new NodeRuntime(1, 1, config, clientProps, clock);
    NodeServer node = new NodeServer(config, runtime, true, n -> ProcessFigures.ownProcess(), crash);
    try {
      if (!runtime.start(config.startupWait())) {
        log.warn("{}: assignments not read within {}; serving as benign until they are", config.nodeId(), config.startupWait());
      }
      node.warmUp();
      node.serve();
      return node;
    } catch (Exception e) {
      node.close();
      throw cannotServe(config, e);
    }
  }

  /**
   * Starts a node in a host's process, beside others: a crash closes its listeners (connections refused, scrapes
   * fail) until its crash epoch ends; its CPU is its own threads' and work's, its memory a share of the host's.
   */
  static NodeServer hosted(NodeConfig config, NodeRuntime runtime, Function<NodeServer, ProcessFigures> figures) {
    NodeServer node = new NodeServer(config, runtime, false, figures,
        () -> log.warn("{}: crash fault in force: its listeners close until the crash epoch ends", config.nodeId()));
    try {
      node.serve();
      return node;
    } catch (Exception e) {
      node.close();
      throw cannotServe(config, e);
    }
  }

  private static IllegalStateException cannotServe(NodeConfig config, Exception e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    return new IllegalStateException(config.nodeId() + " cannot serve on " + config.host() + ":" + config.port() + ": "
        + cause.getMessage(), cause);
  }

  /** Takes the first decision (listen or stay down) on the node's event loop, then a governor tick (20 ms; 100 ms in a host). */
  private void serve() throws Exception {
    Promise<Void> firstDecision = Promise.promise();
    context.runOnContext(v -> {
      eventLoopThread = Thread.currentThread().getId();
      tick(firstDecision);
      long every = ownsRuntime ? TICK_MS : HOSTED_TICK_MS;
      governor = vertx.setPeriodic(every, every, id -> tick(null));
    });
    firstDecision.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** CPU time of this node's event loop, of the work it did on workers, and of its cpu-hog threads. */
  long ownCpuNanos() {
    long loop = eventLoopThread < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(eventLoopThread));
    return loop + requests.workCpuNanos() + resources.burnedCpuNanos();
  }

  /** Bytes this node's memory-leak fault holds now. */
  long leakedBytes() {
    return resources.leakedBytes();
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
    return listener.isListening();
  }

  public String id() {
    return config.nodeId();
  }

  public String url() {
    return "http://" + config.host() + ":" + config.port();
  }

  /** /health: the fault in force by its clock; DEGRADED while it waits for or retries its assignments (it still serves). */
  private String health() {
    return new JsonObject().put("status", runtime.assignments().health()).put("node_id", config.nodeId())
        .put("fault_type", timeline.typeAt(clock.millis()).wireName()).put("assignments", runtime.assignments().status()).encode();
  }

  private void tick(Promise<Void> decided) {
    long now = clock.millis();
    Optional<FaultAssignment> current = timeline.at(now);
    FaultType type = current.map(a -> FaultType.of(a.getFaultType())).orElse(FaultType.BENIGN);
    if (type == FaultType.CRASH && listener.everListened() && !crashed) {
      log.warn("{}: crash fault in force since {}: the process dies now", config.nodeId(), current.get().getEffectiveFromMs());
      confirmations.beforeDeath(current.get(), now, ownsRuntime);
      crashed = true;
      crash.run();
    }
    confirmations.inForce(current, now);
    crashed = crashed && type == FaultType.CRASH;
    boolean serve = type != FaultType.CRASH && !(type == FaultType.FLAPPING && NodeListener.flappingOff(current.get(), now));
    Future<Void> done = serve ? listener.listen() : listener.unlisten();
    resources.apply(current, now);
    if (decided != null) {
      done.onComplete(decided);
    }
  }

  /** Completes when the node cannot read its assignments at all, or nothing it publishes reaches Kafka for the stall limit. */
  @Override
  public CompletionStage<Throwable> failure() {
    return runtime.failure();
  }

  @Override
  public void close() {
    vertx.cancelTimer(governor);
    resources.close();
    if (ownsRuntime) {
      runtime.close();
      return;
    }
    try {
      Promise<Void> closed = Promise.promise();
      context.runOnContext(v -> listener.unlisten().onComplete(closed));
      closed.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("{}: HTTP server did not stop cleanly", config.nodeId(), e);
    }
  }
}
