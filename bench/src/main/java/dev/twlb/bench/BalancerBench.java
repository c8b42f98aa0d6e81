package dev.twlb.bench;

import dev.twlb.schemas.http.Endpoints;
import dev.twlb.servicekit.FreePort;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import dev.twlb.nodes.server.NodeConfig;
import dev.twlb.nodes.server.NodeServer;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lb", mixinStandardHelpOptions = true,
    description = "Latency and highest sustained rate through the balancer, versus calling the nodes directly.")
final class BalancerBench implements Callable<Integer> {
  @Option(names = "--step", defaultValue = "5s", description = "Length of each load step. Default: ${DEFAULT-VALUE}.")
  String step;

  @Option(names = "--latency-rate", defaultValue = "1000", description = "Rate of the latency comparison, req/s. Default: ${DEFAULT-VALUE}.")
  double latencyRate;

  @Option(names = "--results", defaultValue = "bench/results", description = "Where the JSON goes. Default: ${DEFAULT-VALUE}.")
  Path results;

  @Override
  public Integer call() throws Exception {
    Duration stepLength = Duration.ofSeconds(Long.parseLong(step.replace("s", "")));
    List<NodeServer> nodes = new ArrayList<>();
    try (Infra infra = new Infra(); LoadGenerator load = new LoadGenerator()) {
      List<NodeAddress> addresses = NodeList.numbered(15, "localhost", FreePort.pickRange("localhost", 15));
      for (NodeAddress a : addresses) {
        nodes.add(NodeServer.start(new NodeConfig(Map.of(NodeConfig.NODE_ID, a.id(), NodeConfig.PORT, a.port(),
            NodeConfig.WORK_MS, 0.0, NodeConfig.STARTUP_WAIT_MS, 0L)), infra.clientProps(), Clock.systemUTC(), () -> { }));
      }
      try (LoadBalancer lb = LoadBalancer.start(new LbConfig(Map.of(LbConfig.PORT, 0)), addresses, infra.clientProps())) {
        List<URI> direct = addresses.stream().map(a -> URI.create(a.baseUrl() + Endpoints.PROCESS_PATH)).toList();
        List<URI> viaLb = List.of(URI.create(lb.url() + Endpoints.PROCESS_PATH));
        load.run(direct, 500, Duration.ofSeconds(3)); // warm-up of both paths
        load.run(viaLb, 500, Duration.ofSeconds(3));
        LoadGenerator.Result directLatency = load.run(direct, latencyRate, stepLength);
        LoadGenerator.Result lbLatency = load.run(viaLb, latencyRate, stepLength);
        double directMax = highestSustained(load, direct, stepLength);
        double lbMax = highestSustained(load, viaLb, stepLength);
        new Report("lb", "path", "p50 ms @" + (int) latencyRate + "/s", "p99 ms @" + (int) latencyRate + "/s",
            "highest sustained req/s", "rate ratio")
            .row("nodes directly (reference)", directLatency.p50Ms(), directLatency.p99Ms(), directMax, 1.0)
            .row("through twlb lb (checksum, event per request)", lbLatency.p50Ms(), lbLatency.p99Ms(), lbMax, lbMax / directMax)
            .fact("nodes", "15 benign, zero work, in this JVM").fact("sustained", ">= 95% completed, no error, p99 < 250 ms")
            .print(results);
      }
    } finally {
      nodes.forEach(NodeServer::close);
    }
    return 0;
  }

  private static double highestSustained(LoadGenerator load, List<URI> targets, Duration step) throws InterruptedException {
    double best = 0;
    for (double rate = 1_000; rate <= 64_000; rate *= 2) {
      LoadGenerator.Result result = load.run(targets, rate, step);
      System.out.printf("  %s at %.0f/s: %.0f/s completed, p99 %.1f ms, %d errors%n", targets.size() > 1 ? "direct" : "lb",
          rate, result.completedPerSecond(), result.p99Ms(), result.errors());
      if (!result.sustained()) {
        break;
      }
      best = rate;
    }
    return best;
  }
}
