package dev.twlb.app;

import dev.twlb.app.run.Supervised;

import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeHost;
import dev.twlb.schemas.cluster.NodeList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "node-host", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs many backend nodes in one process (node-F to node-(F+N-1) on consecutive ports), for clusters larger than",
      "one process per node allows; several hosts split a cluster by node range (the balancer and the metrics bridge",
      "name them as node-F..L=http://HOST:BASE-PORT). Each node has its own HTTP server and event loop and follows its",
      "own assignments.",
      "A crash fault closes that node's listeners until its crash epoch ends; the host lives on. A node's",
      "process_cpu_seconds_total is its own threads' and work's CPU time; its process_resident_memory_bytes an equal",
      "share of the host's, apart from what memory leaks hold, plus its own leak."})
final class NodeHostCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Mixin
  NodeOptions nodeOptions;

  @Option(names = "--nodes", required = true, description = "How many nodes: node-F to node-(F+N-1).")
  int nodes;

  @Option(names = "--first-node", defaultValue = "1", paramLabel = "F",
      description = "The number of the first node (node-F), for a host that serves a later range. Default: ${DEFAULT-VALUE}.")
  int firstNode;

  @Option(names = "--nodes-on-machine", paramLabel = "N",
      description = "Nodes of every host on this machine: a cpu-hog burns, and a memory leak grows, at 15/N of its"
          + " force (at most full), so the machine holds the resource faults of 15 node processes. Default: --nodes.")
  Integer nodesOnMachine;

  @Option(names = "--base-port", descriptionKey = ServiceKeys.NODE + NodeConfig.PORT,
      description = "Port of node-F; node-i listens on base + i - F. Default: ${DEFAULT-VALUE}.")
  int basePort;

  @Override
  public Integer call() {
    if (nodes < 1 || firstNode < 1 || basePort + nodes - 1 > 65_535) {
      throw new ParameterException(spec.commandLine(), "--nodes " + nodes + " from --first-node " + firstNode
          + " at --base-port " + basePort + ": need 1 node at least, numbered from 1, and ports up to 65535");
    }
    Map<String, Object> settings = ServiceSettings.of(spec, ServiceKeys.NODE);
    List<NodeConfig> configs = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      Map<String, Object> node = new HashMap<>(settings);
      node.put(NodeConfig.NODE_ID, NodeList.nodeId(firstNode + i));
      node.put(NodeConfig.PORT, basePort + i);
      Ports.requireFree(spec, "--base-port (" + NodeList.nodeId(firstNode + i) + ")", nodeOptions.host, basePort + i);
      configs.add(new NodeConfig(node));
    }
    NodeHost host = NodeHost.start(configs, nodesOnMachine == null ? nodes : nodesOnMachine, clients.all());
    Supervised.exitWithSupervisor();
    System.out.println(NodeList.nodeId(firstNode) + " to " + NodeList.nodeId(firstNode + nodes - 1) + " serving on ports "
        + basePort + " to " + (basePort + nodes - 1));
    return Services.runUntilStopped("node-host", host);
  }
}
