package dev.twlb.app;

import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.servicekit.DurationConverter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Envoy's outlier detection settings for {@code --strategy outlier-ejection}; each default is Envoy's. */
final class OutlierOptions {
  @Option(names = "--consecutive-5xx", descriptionKey = ServiceKeys.LB + LbConfig.CONSECUTIVE_5XX,
      description = "outlier-ejection: failures in a row that eject a node. Default: ${DEFAULT-VALUE}.")
  int consecutive5xx;

  @Option(names = "--outlier-interval", descriptionKey = ServiceKeys.LB + LbConfig.INTERVAL_MS, converter = DurationConverter.class,
      description = "outlier-ejection: how often the rate rules run. Default: ${DEFAULT-VALUE}.")
  Duration interval;

  @Option(names = "--base-ejection-time", descriptionKey = ServiceKeys.LB + LbConfig.BASE_EJECTION_MS, converter = DurationConverter.class,
      description = "outlier-ejection: ejection time, times the times ejected. Default: ${DEFAULT-VALUE}.")
  Duration baseEjection;

  @Option(names = "--max-ejection-time", descriptionKey = ServiceKeys.LB + LbConfig.MAX_EJECTION_MS, converter = DurationConverter.class,
      description = "outlier-ejection: the longest ejection. Default: ${DEFAULT-VALUE}.")
  Duration maxEjection;

  @Option(names = "--max-ejection-percent", descriptionKey = ServiceKeys.LB + LbConfig.MAX_EJECTION_PERCENT,
      description = "outlier-ejection: most nodes out at once, % (one at least). Default: ${DEFAULT-VALUE}.")
  int maxEjectionPercent;

  @Option(names = "--success-rate-stdev-factor", descriptionKey = ServiceKeys.LB + LbConfig.STDEV_FACTOR,
      description = "outlier-ejection: eject below mean - factor x stdev. Default: ${DEFAULT-VALUE}.")
  double stdevFactor;

  @Option(names = "--success-rate-minimum-hosts", descriptionKey = ServiceKeys.LB + LbConfig.SUCCESS_RATE_MINIMUM_HOSTS,
      description = "outlier-ejection: nodes with volume the success-rate rule needs. Default: ${DEFAULT-VALUE}.")
  int successRateMinimumHosts;

  @Option(names = "--success-rate-request-volume", descriptionKey = ServiceKeys.LB + LbConfig.SUCCESS_RATE_REQUEST_VOLUME,
      description = "outlier-ejection: requests per interval a node needs to count. Default: ${DEFAULT-VALUE}.")
  int successRateRequestVolume;

  @Option(names = "--failure-percentage-threshold", descriptionKey = ServiceKeys.LB + LbConfig.FAILURE_PERCENTAGE_THRESHOLD,
      description = "outlier-ejection: eject at this % of failures in an interval. Default: ${DEFAULT-VALUE}.")
  int failurePercentageThreshold;

  @Option(names = "--enforcing-failure-percentage", descriptionKey = ServiceKeys.LB + LbConfig.ENFORCING_FAILURE_PERCENTAGE,
      description = "outlier-ejection: chance, %, that the failure-percentage rule ejects (Envoy: off). Default: ${DEFAULT-VALUE}.")
  int enforcingFailurePercentage;

  @Option(names = "--failure-percentage-minimum-hosts", descriptionKey = ServiceKeys.LB + LbConfig.FAILURE_PERCENTAGE_MINIMUM_HOSTS,
      description = "outlier-ejection: nodes with volume that rule needs. Default: ${DEFAULT-VALUE}.")
  int failurePercentageMinimumHosts;

  @Option(names = "--failure-percentage-request-volume", descriptionKey = ServiceKeys.LB + LbConfig.FAILURE_PERCENTAGE_REQUEST_VOLUME,
      description = "outlier-ejection: requests per interval a node needs for that rule. Default: ${DEFAULT-VALUE}.")
  int failurePercentageRequestVolume;
}
