package dev.twlb.nodes.server;

import dev.twlb.nodes.fault.FaultTimeline;
import dev.twlb.nodes.fault.Reply;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.http.ProcessAnswer;
import dev.twlb.schemas.kafka.TopicPublisher;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A node's {@code GET /process}: the fault in force decides the reply (delay, error, corruption, a lie about latency),
 * the work runs on a worker, and the node answers and reports what it claims about the request.
 */
final class ProcessHandler implements Handler<RoutingContext> {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /**
   * A request whose work had not started after this long (the balancer's default timeout) is answered 503 without
   * it: nobody waits for the answer any more, and doing the work anyway kept a host that had fallen behind from ever
   * catching up (compose's scale profile: one host of 250 nodes answered nothing in time for minutes, its requests
   * waiting 17 s on average for work whose callers had given up).
   */
  static final long GIVEN_UP_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final Reply OVERLOADED = new Reply(0, 503, false, false, false);

  private final String nodeId;
  private final FaultTimeline timeline;
  private final Clock clock;
  private final Vertx vertx;
  private final Work work;
  private final NodeMetrics metrics;
  private final TopicPublisher<NodeReport> reports;
  private final LongAdder workCpuNanos = new LongAdder();
  private final SplittableRandom random = new SplittableRandom();

  ProcessHandler(String nodeId, FaultTimeline timeline, Clock clock, Vertx vertx, Work work, NodeMetrics metrics,
                 TopicPublisher<NodeReport> reports) {
    this.nodeId = nodeId;
    this.timeline = timeline;
    this.clock = clock;
    this.vertx = vertx;
    this.work = work;
    this.metrics = metrics;
    this.reports = reports;
  }

  /** CPU time of the work this node's requests did on workers. */
  long workCpuNanos() {
    return workCpuNanos.sum();
  }

  @Override
  public void handle(RoutingContext ctx) {
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
    Future<String> result = reply.doesWork()
        ? vertx.executeBlocking(() -> System.nanoTime() - startedNanos > GIVEN_UP_NANOS ? null : work(), false)
        : Future.succeededFuture("");
    result.onSuccess(value -> {
      if (value == null) { // given up: see GIVEN_UP_NANOS
        answer(ctx, requestId, received, startedNanos, 0, OVERLOADED, "");
        return;
      }
      long workNanos = System.nanoTime() - startedNanos;
      if (reply.delayMs() > 0) {
        vertx.setTimer(reply.delayMs(), t -> answer(ctx, requestId, received, startedNanos, workNanos, reply, value));
      } else {
        answer(ctx, requestId, received, startedNanos, workNanos, reply, value);
      }
    });
  }

  private String work() {
    long started = THREADS.getCurrentThreadCpuTime();
    try {
      return work.run();
    } finally {
      workCpuNanos.add(THREADS.getCurrentThreadCpuTime() - started);
    }
  }

  private void answer(RoutingContext ctx, String requestId, Instant received, long startedNanos, long workNanos,
                      Reply reply, String result) {
    String body;
    if (reply.status() != 200) {
      body = "{\"error\":\"internal error\",\"node_id\":\"" + nodeId + "\"}";
    } else {
      ProcessAnswer answer = ProcessAnswer.of(nodeId, requestId, result);
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
        .setRequestId(requestId).setNodeId(nodeId).setTsMs(received)
        .setReportedLatencyMs((reply.liesAboutLatency() ? workNanos : tookNanos) / 1e6)
        .setStatusCode(reply.status())
        .build());
  }
}
