package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
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

  @Option(names = "--interval", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.INTERVAL_MS, converter = DurationConverter.class,
      description = "How often every node is scraped. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(names = "--scrape-timeout", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.TIMEOUT_MS, converter = DurationConverter.class,
      description = "Timeout of one scrape, below the interval. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--publish-stall-limit", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.PUBLISH_STALL_MS,
      converter = DurationConverter.class,
      description = "How long every sample may fail to reach Kafka before the bridge stops with the error. Default: ${DEFAULT-VALUE}.")
  Duration publishStallLimit;

  @Option(names = "--topic", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.TOPIC, description = "Topic of the samples. Default: ${DEFAULT-VALUE}.")
  String topic;

  @Option(names = "--host", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.HOST, description = "Interface of the bridge's /metrics.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.BRIDGE + BridgeConfig.PORT, description = "Port of the bridge's /metrics. Default: ${DEFAULT-VALUE}.")
  int port;

  @Override
  public Integer call() {
    BridgeConfig config = new BridgeConfig(ServiceSettings.of(spec, ServiceKeys.BRIDGE));
    var nodeList = nodes.nodes();
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    MetricsBridge bridge = MetricsBridge.start(config, nodeList, props);
    System.out.println("metrics bridge ready: scraping " + nodeList.size() + " nodes every " + interval.toMillis() + " ms");
    return Services.runUntilStopped("metrics-bridge", bridge);
  }
}
