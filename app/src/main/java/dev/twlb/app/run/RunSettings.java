package dev.twlb.app.run;

import dev.twlb.scheduler.FaultMix;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Everything {@code twlb run} was asked for, checked ({@code lb}: the balancer's settings, LbConfig keys; {@code traffic}:
 * TrafficConfig keys).
 */
public record RunSettings(
    long epochs, Duration epochDuration, Duration startDelay, long seed, int nodes, int faulty, FaultMix faults, String faultDraw, Map<String, Object> traffic,
    Duration window, Duration grace, Duration earlyWindow, Duration earlyHop, Path dataDir, String bootstrapServers, String registryUrl,
    int brokerPort, int registryPort, int lbPort, Map<String, Object> lb, int nodeBasePort, int servicePortBase,
    Duration progressEvery, Path model, int detectAfter, Path classArchiveDir, NodeHosting nodeHosting) {

  /** How the nodes run: one OS process each (real crashes, real per-process CPU and memory), or many in one host. */
  public enum NodeHosting { PROCESS, SHARED }

  /** The services of a run with a /metrics port: one port each from {@code servicePortBase}, in this order. */
  public enum Service { BRIDGE, LABELER, SINK, DETECTOR }

  public int metricsPort(Service service) {
    return servicePortBase + service.ordinal();
  }

  /** Where the labeled early windows go: a dataset of their own, beside the windows'. */
  Path earlyDataDir() {
    return dataDir.resolve("early");
  }

  /** Whether the labeler sends out early windows, which the live detector then judges (else the final windows). */
  boolean early() {
    return !earlyWindow.isZero();
  }

  /** What the live detector is trained on: the early windows when there are any. */
  Path trainingDataDir() {
    return early() ? earlyDataDir() : dataDir;
  }

  /** Whether a detector runs live: with a given model, or one trained after {@code detectAfter} epochs. */
  public boolean detects() {
    return model != null || detectAfter > 0;
  }

  /** Whether the nodes share a class archive (kept in {@code classArchiveDir}). */
  boolean classArchive() {
    return classArchiveDir != null;
  }

  boolean embeddedBroker() {
    return bootstrapServers == null || bootstrapServers.isBlank();
  }

  boolean embeddedRegistry() {
    return registryUrl == null || registryUrl.isBlank();
  }
}
