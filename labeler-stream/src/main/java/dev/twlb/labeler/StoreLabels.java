package dev.twlb.labeler;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/** A node's window labeled from the versioned stores of assignments and confirmations ({@link GroundTruth}). */
final class StoreLabels {
  private final VersionedKeyValueStore<String, FaultAssignment> assignments;
  private final VersionedKeyValueStore<String, FaultConfirmation> confirmations;

  StoreLabels(ProcessorContext<?, ?> context) {
    this.assignments = context.getStateStore(LabelerTopology.ASSIGNMENTS_STORE);
    this.confirmations = context.getStateStore(LabelerTopology.CONFIRMATIONS_STORE);
  }

  GroundTruth.Label of(String node, long start, long end) {
    return GroundTruth.label(t -> assignments.get(node, t), t -> confirmations.get(node, t), start, end);
  }
}
