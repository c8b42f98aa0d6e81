package dev.twlb.nodes.server;

import dev.twlb.nodes.fault.FaultTimeline;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.TopicFeed;
import dev.twlb.schemas.kafka.TopicPublisher;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What nodes take from the process they run in: Vert.x (an event loop per node, workers for the CPU work of
 * /process), one reader of the assignments that fills every node's timeline, one publisher of their reports, and the
 * clock. A node process has one for its one node; a node host shares one among all of its nodes.
 */
final class NodeRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeRuntime.class);
  /**
   * Up to this many nodes on one machine, a cpu-hog and a memory leak act at full force; beyond, at this many over the
   * nodes: 500 nodes on two cores held ten cpu-hogs spinning their threads (17 seen at once), which starved their
   * benign neighbours (scrapes timed out, requests too), and the leaks filled the host's direct memory within seconds
   * and then stopped growing. So a machine holds the resource faults of the 15 node processes of a default run, spread
   * over its nodes.
   */
  static final int FULL_STRENGTH_NODES = 15;

  final Vertx vertx;
  final Clock clock;
  /** The share of a resource fault's full force its nodes apply (see {@link #FULL_STRENGTH_NODES}). */
  final double resourceFaultStrength;
  final TopicPublisher<NodeReport> reports;
  final TopicPublisher<FaultConfirmation> confirmations;
  private final Map<String, FaultTimeline> timelines = new ConcurrentHashMap<>();
  private final Map<Double, Work> works = new ConcurrentHashMap<>();
  private final TopicFeed<FaultAssignment> feed;

  /**
   * @param nodes how many nodes share it: one event loop each
   * @param nodesOnMachine how many nodes share the machine's cores, in this process and others: resource faults act
   *     at {@value #FULL_STRENGTH_NODES} over it (at most full force)
   * @param config any of the nodes' settings (the topics and look-back are the same for all)
   */
  NodeRuntime(int nodes, int nodesOnMachine, NodeConfig config, Map<String, Object> givenClientProps, Clock clock) {
    Map<String, Object> clientProps = new HashMap<>(givenClientProps);
    clientProps.putIfAbsent("metric.reporters", ""); // no JMX beans for small clients nobody watches over JMX
    // Buffers for what nodes send and read: reports of at most thousands of requests a second, a few assignments
    clientProps.putIfAbsent("buffer.memory", 4 * 1024 * 1024);
    clientProps.putIfAbsent("fetch.max.bytes", 1024 * 1024);
    clientProps.putIfAbsent("max.partition.fetch.bytes", 256 * 1024);
    this.clock = clock;
    this.resourceFaultStrength = Math.min(1.0, FULL_STRENGTH_NODES / (double) Math.max(nodes, nodesOnMachine));
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(nodes).setWorkerPoolSize(Math.max(4, Math.min(nodes, 16)))
        .setInternalBlockingPoolSize(2));
    this.feed = AssignmentFeed.of(config.assignmentsTopic(), (a, readAt) -> {
      FaultTimeline timeline = timelines.get(a.getNodeId());
      if (timeline != null) {
        timeline.add(a, readAt);
      }
    }, config.lookback(), clientProps, clock);
    this.reports = new TopicPublisher<>(Topics.NODE_REPORTS.renamed(config.reportsTopic()), NodeReport::getNodeId, clientProps);
    this.confirmations = new TopicPublisher<>(Topics.FAULT_CONFIRMATIONS.renamed(config.confirmationsTopic()),
        FaultConfirmation::getNodeId, clientProps);
  }

  /**
   * A context of its own for a node, on the next event loop: a deployment gets one (a thread outside Vert.x gets the
   * same context at every call, and every node of a host would share one event loop).
   */
  Context eventLoopOfItsOwn() {
    CompletableFuture<Context> own = new CompletableFuture<>();
    try {
      vertx.deployVerticle(new AbstractVerticle() {
        @Override
        public void start() {
          own.complete(context);
        }
      }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return own.get();
    } catch (Exception e) {
      throw new IllegalStateException("cannot get an event loop for a node", e);
    }
  }

  /** The unit of work of /process for this cost, calibrated once per process (it spins for a few milliseconds). */
  Work work(double workMs) {
    return works.computeIfAbsent(workMs, Work::calibrated);
  }

  /** A node's timeline; every node's must exist before {@link #start} so the look-back reaches all of them. */
  FaultTimeline timeline(String nodeId) {
    return timelines.computeIfAbsent(nodeId, FaultTimeline::new);
  }

  /** Reads the assignments of the look-back period; false if that took longer than {@code wait}. */
  boolean start(Duration wait) throws InterruptedException {
    feed.start();
    return feed.awaitCaughtUp(wait);
  }

  /** The reader of the assignments, for /health. */
  TopicFeed<FaultAssignment> assignments() {
    return feed;
  }

  /**
   * Completes when the nodes cannot do their work: the assignments cannot be read at all, or no report or
   * confirmation has reached Kafka for the stall limit.
   */
  CompletionStage<Throwable> failure() {
    CompletableFuture<Throwable> any = new CompletableFuture<>();
    feed.failure().thenAccept(any::complete);
    reports.stalled().thenAccept(any::complete);
    confirmations.stalled().thenAccept(any::complete);
    return any;
  }

  @Override
  public void close() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("HTTP servers did not stop cleanly", e);
    }
    feed.close();
    reports.close();
    confirmations.close();
  }
}
