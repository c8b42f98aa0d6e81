package dev.twlb.bench;

import dev.twlb.servicekit.FreePort;
import java.util.List;

/**
 * One block of free ports for a {@code twlb run} of many nodes, below the range the OS picks clients' ports from (500
 * nodes there collide with clients): the nodes' first, then the run's own.
 */
record PortBlock(int first, int nodes) {
  /** Metrics ports twlb run takes from --service-port-base on (RunSettings.Service in app), with room to spare. */
  private static final int SERVICE_PORTS = 8;

  static PortBlock pick(int nodes) {
    return new PortBlock(FreePort.pickRange("localhost", nodes + 3 + SERVICE_PORTS), nodes);
  }

  String bootstrapServers() {
    return "localhost:" + (first + nodes);
  }

  /** {@code twlb run}'s options that put it on this block. */
  List<String> runArgs() {
    return List.of("--node-base-port", Integer.toString(first), "--broker-port", Integer.toString(first + nodes),
        "--registry-port", Integer.toString(first + nodes + 1), "--lb-port", Integer.toString(first + nodes + 2),
        "--service-port-base", Integer.toString(first + nodes + 3));
  }
}
