package dev.twlb.nodes.server;

import dev.twlb.nodes.fault.FaultTimeline;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.kafka.TopicPublisher;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's evidence for its labels: when an assignment comes into force in the node (seen by its governor), the node
 * says so on {@code fault-confirmations}, with since when it has applied it. A node confirms only what it applies,
 * once per process: a restarted process confirms the assignment in force again, which is how a crash epoch is
 * confirmed by the process that stays down. Used from the node's event loop only.
 */
final class Confirmations {
  private static final Logger log = LoggerFactory.getLogger(Confirmations.class);
  /** How long a node about to die waits for the broker to take its confirmation. */
  static final Duration LAST_WORD = Duration.ofSeconds(3);
  private static final long PROCESS_START_MS = ManagementFactory.getRuntimeMXBean().getStartTime();

  private final String nodeId;
  private final FaultTimeline timeline;
  private final TopicPublisher<FaultConfirmation> publisher;
  private FaultAssignment confirmed;

  Confirmations(String nodeId, FaultTimeline timeline, TopicPublisher<FaultConfirmation> publisher) {
    this.nodeId = nodeId;
    this.timeline = timeline;
    this.publisher = publisher;
  }

  /** Confirms {@code current}, in force at {@code now}, unless this node confirmed it already. */
  void inForce(Optional<FaultAssignment> current, long now) {
    if (current.isPresent() && !current.get().equals(confirmed)) {
      publisher.publish(confirmation(current.get(), now));
      confirmed = current.get();
    }
  }

  /**
   * Confirms {@code current}, a crash, before the node goes down; when its process dies of it ({@code processDies}),
   * waits until the broker has the confirmation. A hosted node closes its listeners only, and confirms as usual.
   */
  void beforeDeath(FaultAssignment current, long now, boolean processDies) {
    if (!processDies) {
      inForce(Optional.of(current), now);
      return;
    }
    if (!current.equals(confirmed) && !publisher.publishAndWait(confirmation(current, now), LAST_WORD)) {
      log.warn("{}: the broker did not take the confirmation of {} within {} s; its windows will be marked fault-not-applied",
          nodeId, current.getFaultType(), LAST_WORD.toSeconds());
    }
    confirmed = current;
  }

  private FaultConfirmation confirmation(FaultAssignment a, long now) {
    return FaultConfirmation.newBuilder().setNodeId(nodeId).setRunId(a.getRunId()).setEpochId(a.getEpochId())
        .setFaultType(a.getFaultType()).setEffectiveFromMs(a.getEffectiveFromMs())
        .setAppliedFromMs(Instant.ofEpochMilli(Math.min(now, timeline.appliedFrom(a))))
        .setConfirmedAtMs(Instant.ofEpochMilli(now)).setProcessStartMs(Instant.ofEpochMilli(PROCESS_START_MS)).build();
  }
}
