package dev.twlb.app;

import dev.twlb.app.run.Supervised;

import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeServer;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "node", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs one backend node that shows the faults assigned to it.",
      "GET /process does CPU work and answers JSON with a checksum; /metrics is Prometheus; /health.",
      "It applies the fault assigned to it on fault-assignments at effective_from by its own clock, and publishes",
      "what it claims about every request to node-reports. A crash fault kills this process abruptly; started",
      "again during its crash epoch, it stays down until the epoch ends."})
final class NodeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Mixin
  NodeOptions nodeOptions;

  @Option(names = "--id", required = true, descriptionKey = ServiceKeys.NODE + NodeConfig.NODE_ID, description = "Node id, e.g. node-3.")
  String id;

  @Option(names = "--port", required = true, descriptionKey = ServiceKeys.NODE + NodeConfig.PORT, description = "HTTP port.")
  int port;

  @Override
  public Integer call() {
    NodeConfig config = new NodeConfig(ServiceSettings.of(spec, ServiceKeys.NODE));
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", nodeOptions.host, port);
    NodeServer node = NodeServer.start(config, props);
    Supervised.exitWithSupervisor();
    System.out.println(id + (node.isListening() ? " serving on " + node.url() : " started; down until its crash epoch ends"));
    return Services.runUntilStopped("node", node);
  }
}
