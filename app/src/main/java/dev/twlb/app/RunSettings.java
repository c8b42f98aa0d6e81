package dev.twlb.app;

import dev.twlb.nodes.fault.FaultMix;
import java.nio.file.Path;
import java.time.Duration;

/** Everything {@code twlb run} was asked for, checked. */
record RunSettings(
    long epochs, Duration epochDuration, long seed, int nodes, int faulty, FaultMix faults, String faultDraw, double rate,
    Duration window, Duration grace, Path dataDir, String bootstrapServers, String registryUrl,
    int brokerPort, int registryPort, int lbPort, int nodeBasePort, int servicePortBase, int partitions,
    Duration progressEvery) {

  boolean embeddedBroker() {
    return bootstrapServers == null || bootstrapServers.isBlank();
  }

  boolean embeddedRegistry() {
    return registryUrl == null || registryUrl.isBlank();
  }
}
