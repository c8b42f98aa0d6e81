package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.lb.balancer.LoadBalancer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "lb", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Runs the load balancer in front of the nodes.",
      "A non-blocking HTTP proxy with a per-request timeout.",
      "It verifies each /process answer's checksum and publishes every request's outcome (OK, HTTP_ERROR,",
      "TIMEOUT, CONNECT_ERROR, RESET, BAD_RESPONSE) to request-events. Its own metrics are on /metrics."})
final class LbCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ClientOptions clients;

  @Mixin
  NodeListOptions nodes;

  @Option(names = "--host", descriptionKey = ServiceKeys.LB + LbConfig.HOST, description = "Interface to listen on. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", descriptionKey = ServiceKeys.LB + LbConfig.PORT, description = "HTTP port. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--timeout", descriptionKey = ServiceKeys.LB + LbConfig.TIMEOUT_MS, converter = DurationConverter.class,
      description = "Per-request timeout. Default: ${DEFAULT-VALUE}.")
  Duration timeout;

  @Option(names = "--strategy", descriptionKey = ServiceKeys.LB + LbConfig.STRATEGY,
      description = "round-robin, random, least-outstanding, p2c-ewma, outlier-ejection or trust-weighted. Default: ${DEFAULT-VALUE}.")
  String strategy;

  @Option(names = "--events-topic", descriptionKey = ServiceKeys.LB + LbConfig.EVENTS_TOPIC,
      description = "Topic of request events. Default: ${DEFAULT-VALUE}.")
  String eventsTopic;

  @Option(names = "--retries", descriptionKey = ServiceKeys.LB + LbConfig.RETRIES,
      description = "Tries of a failed attempt on another node within the timeout. Default: ${DEFAULT-VALUE}.")
  int retries;

  @Option(names = "--try-timeout", descriptionKey = ServiceKeys.LB + LbConfig.TRY_TIMEOUT_MS, converter = DurationConverter.class,
      description = "Timeout of one attempt when retrying (0: the whole timeout). Default: ${DEFAULT-VALUE}.")
  Duration tryTimeout;

  @Option(names = "--detections-topic", descriptionKey = ServiceKeys.LB + LbConfig.DETECTIONS_TOPIC,
      description = "trust-weighted: also weigh the detector's verdicts from this topic, e.g. fault-detections.")
  String detectionsTopic;

  @Mixin
  OutlierOptions outlier;

  @Override
  public Integer call() {
    LbConfig config = new LbConfig(ServiceSettings.of(spec, ServiceKeys.LB));
    var nodeList = nodes.nodes();
    Map<String, Object> props = clients.all();
    Ports.requireFree(spec, "--port", host, port);
    LoadBalancer lb = LoadBalancer.start(config, nodeList, props);
    System.out.println("load balancer ready: " + lb.url() + " -> " + nodeList.size() + " nodes (" + strategy + ")");
    return Services.runUntilStopped("lb", lb);
  }
}
