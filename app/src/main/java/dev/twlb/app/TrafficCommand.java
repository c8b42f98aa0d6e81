package dev.twlb.app;

import dev.twlb.servicekit.DurationConverter;
import dev.twlb.traffic.TrafficConfig;
import dev.twlb.traffic.TrafficGenerator;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "traffic", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Sends open-loop Poisson load to the balancer.",
      "Requests arrive at a mean rate, each sent without waiting for earlier answers: by default a rate per node",
      "times the nodes, held at --max-rate (and it says so). Prints the rate it achieved and the outcomes every few",
      "seconds, and warns when answers fall behind the arrivals."})
final class TrafficCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--target", descriptionKey = ServiceKeys.TRAFFIC + TrafficConfig.TARGET,
      description = "URL to load. Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(names = "--nodes", descriptionKey = ServiceKeys.TRAFFIC + TrafficConfig.NODES,
      description = "How many nodes the balancer spreads the traffic over. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Mixin
  RateOptions rates;

  @Option(names = "--duration", descriptionKey = ServiceKeys.TRAFFIC + TrafficConfig.DURATION_MS, converter = DurationConverter.class,
      description = "How long to send, e.g. 30s; 0 = until stopped. Default: ${DEFAULT-VALUE}.")
  Duration duration;

  @Option(names = "--report-every", defaultValue = "10s", converter = DurationConverter.class,
      description = "How often to print progress. Default: ${DEFAULT-VALUE}.")
  Duration reportEvery;

  @Override
  public Integer call() throws Exception {
    TrafficConfig config = new TrafficConfig(ServiceSettings.of(spec, ServiceKeys.TRAFFIC));
    try (TrafficGenerator generator = TrafficGenerator.start(config)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (!generator.done().isDone()) {
          System.out.println("traffic stopped: " + generator.stats());
        }
      }));
      while (true) {
        try {
          generator.done().get(reportEvery.toMillis(), TimeUnit.MILLISECONDS);
          generator.awaitDrained(Duration.ofSeconds(30));
          System.out.println("traffic done: " + generator.stats());
          return 0;
        } catch (TimeoutException e) {
          System.out.println("traffic: " + generator.stats());
        }
      }
    }
  }
}
