package dev.twlb.app;

import dev.twlb.scheduler.SchedulerConfig;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Which nodes a subcommand talks to: an explicit list, or a count of nodes on consecutive ports. */
public final class NodeListOptions {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--nodes", paramLabel = "ID=URL[,...]",
      description = "The nodes, e.g. node-1=http://localhost:7001,node-2=http://localhost:7002; a range of a node-host:"
          + " node-1..250=http://host-1:7001 (node-i at port 7001 + i - 1). "
          + "Without it: --node-count nodes from --node-base-port.")
  String nodes;

  @Option(names = "--node-count", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.NODES,
      description = "Number of nodes node-1..node-N when --nodes is not given. Default: ${DEFAULT-VALUE}.")
  int count;

  @Option(names = "--node-base-port", descriptionKey = ServiceKeys.NODE + NodeConfig.PORT,
      description = "Port of node-1; node-i listens on base + i - 1. Default: ${DEFAULT-VALUE}.")
  int basePort;

  @Option(names = "--node-host", defaultValue = "localhost",
      description = "Host of the numbered nodes. Default: ${DEFAULT-VALUE}.")
  String host;

  public List<NodeAddress> nodes() {
    try {
      return nodes != null && !nodes.isBlank() ? NodeList.parse(nodes) : NodeList.numbered(count, host, basePort);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), (nodes != null ? "--nodes: " : "") + e.getMessage());
    }
  }
}
