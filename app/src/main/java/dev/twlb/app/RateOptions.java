package dev.twlb.app;

import dev.twlb.traffic.TrafficConfig;
import picocli.CommandLine.Option;

/** How much traffic, for {@code twlb run} and {@code twlb traffic}: a rate per node up to a cap, or a total. */
final class RateOptions {
  @Option(names = "--rate-per-node", descriptionKey = ServiceKeys.TRAFFIC + TrafficConfig.RATE_PER_NODE,
      description = "Mean requests per second for each node: the traffic grows with the nodes, up to --max-rate."
          + " Default: ${DEFAULT-VALUE}.")
  double ratePerNode;

  @Option(names = "--max-rate", descriptionKey = ServiceKeys.TRAFFIC + TrafficConfig.MAX_RATE,
      description = "The most requests per second --rate-per-node may add up to (what one machine serves)."
          + " Default: ${DEFAULT-VALUE}.")
  double maxRate;

  @Option(names = "--rate", descriptionKey = ServiceKeys.TRAFFIC + TrafficConfig.RATE,
      description = "Mean requests per second in all, instead of --rate-per-node.")
  Double rate;
}
