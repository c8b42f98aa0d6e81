package dev.twlb.app;

import dev.twlb.bridge.BridgeConfig;
import dev.twlb.bridge.MetricsBridge;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "metrics-bridge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Scrapes every node's Prometheus metrics into Kafka.",
      "All nodes are scraped concurrently every interval; each scrape becomes a MetricSample on node-metrics.",
      "A refused, timed-out or malformed scrape is a sample with up=false and the reason. The bridge's own",
      "metrics (scrape durations, failures by reason) are on --port."})
final class MetricsBridgeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Mixin
  NodeListOptions nodes;

  @Option(names = "--interval", defaultValue = "${env:TWLB_SCRAPE_INTERVAL:-2s}", converter = DurationConverter.class,
      description = "How often every node is scraped. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(names = "--scrape-timeout", defaultValue = "${env:TWLB_SCRAPE_TIMEOUT:-1500ms}", converter = DurationConverter.class,
      description = "Timeout of one scrape, below the interval. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--topic", defaultValue = "node-metrics", description = "Topic of the samples. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--host", defaultValue = "${env:TWLB_BRIDGE_HOST:-localhost}", description = "Interface of the bridge's /metrics.")
  String host;

  @Option(names = "--port", defaultValue = "${env:TWLB_BRIDGE_PORT:-9400}", description = "Port of the bridge's /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    BridgeConfig config = new BridgeConfig(Map.of(BridgeConfig.INTERVAL_MS, interval.toMillis(),
        BridgeConfig.TIMEOUT_MS, timeout.toMillis(), BridgeConfig.TOPIC, topic, BridgeConfig.HOST, host, BridgeConfig.PORT, port));
    var nodeList = nodes.nodes();
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    MetricsBridge bridge = MetricsBridge.start(config, nodeList, props);
    System.out.println("metrics bridge ready: scraping " + nodeList.size() + " nodes every " + interval.toMillis() + " ms");
    Services.runUntilStopped(bridge);
    return 0;
  }
}
