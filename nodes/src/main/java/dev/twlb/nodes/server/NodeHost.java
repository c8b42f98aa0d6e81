package dev.twlb.nodes.server;

import dev.twlb.servicekit.Service;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many nodes in one process, for clusters larger than one JVM per node allows: each node has its own port, HTTP
 * server and event loop and follows its own assignments; they share Vert.x's workers, one reader of the assignments
 * and one publisher of reports. A crash closes the node's listeners while the host lives, and opens them again when
 * the crash epoch ends. A node reports as its CPU time its event loop's, its work's and its cpu-hog threads'; as its
 * resident memory an equal share of the host's, apart from what memory leaks hold, plus its own leak.
 */
public final class NodeHost implements Service {
  private static final Logger log = LoggerFactory.getLogger(NodeHost.class);

  private final NodeRuntime runtime;
  private final List<NodeServer> nodes = new CopyOnWriteArrayList<>();

  private NodeHost(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts every node; fails (stopping those started) when one cannot bind its port. */
  public static NodeHost start(List<NodeConfig> configs, Map<String, Object> clientProps) {
    return start(configs, configs.size(), clientProps, Clock.systemUTC());
  }

  /**
   * @param nodesOnMachine the nodes of every host on this machine: their cpu-hogs and memory leaks share its cores and
   *     memory, so each acts at 15 over this many of its force (at most full force)
   */
  public static NodeHost start(List<NodeConfig> configs, int nodesOnMachine, Map<String, Object> clientProps) {
    return start(configs, nodesOnMachine, clientProps, Clock.systemUTC());
  }

  static NodeHost start(List<NodeConfig> configs, int nodesOnMachine, Map<String, Object> clientProps, Clock clock) {
    if (configs.isEmpty()) {
      throw new IllegalArgumentException("a node host needs at least one node");
    }
    NodeHost host = new NodeHost(new NodeRuntime(configs.size(), nodesOnMachine, configs.get(0), clientProps, clock));
    try {
      configs.forEach(c -> host.runtime.timeline(c.nodeId()));
      if (!host.runtime.start(configs.get(0).startupWait())) {
        log.warn("assignments not read within {}; the nodes serve as benign until they are", configs.get(0).startupWait());
      }
      Function<NodeServer, ProcessFigures> figures = host::figuresOf;
      for (NodeConfig config : configs) {
        host.nodes.add(NodeServer.hosted(config, host.runtime, figures));
      }
      log.info("{} nodes serving in this process, ports {} to {}", configs.size(), configs.get(0).port(),
          configs.get(configs.size() - 1).port());
      return host;
    } catch (RuntimeException | InterruptedException e) {
      host.close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
  }

  public List<NodeServer> nodes() {
    return List.copyOf(nodes);
  }

  private ProcessFigures figuresOf(NodeServer node) {
    return new ProcessFigures() {
      @Override
      public double cpuSeconds() {
        return node.ownCpuNanos() / 1e9;
      }

      @Override
      public double residentBytes() {
        long leaked = nodes.stream().mapToLong(NodeServer::leakedBytes).sum(); // every node's, on each node's scrape
        double shared = Math.max(0, ProcessFigures.processResidentBytes() - leaked) / Math.max(1, nodes.size());
        return shared + node.leakedBytes();
      }
    };
  }

  /** Completes when the nodes cannot read their assignments at all, or nothing they publish reaches Kafka. */
  @Override
  public CompletionStage<Throwable> failure() {
    return runtime.failure();
  }

  @Override
  public void close() {
    nodes().forEach(NodeServer::close);
    runtime.close();
  }
}
