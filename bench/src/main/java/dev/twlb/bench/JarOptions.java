package dev.twlb.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The twlb jar a benchmark runs and where its results go: the options of the benchmarks that start {@code twlb run}. */
final class JarOptions {
  @Option(names = "--jar", defaultValue = "app/target/twlb.jar", description = "The twlb jar. Default: ${DEFAULT-VALUE}.")
  Path jar;

  @Option(names = "--results", defaultValue = "bench/results",
      description = "Where the results go (JSON, and pictures where there are any). Default: ${DEFAULT-VALUE}.")
  Path results;
}
