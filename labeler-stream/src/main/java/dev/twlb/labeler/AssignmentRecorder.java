package dev.twlb.labeler;

import dev.twlb.schemas.FaultAssignment;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.VersionedKeyValueStore;

/** Keeps every assignment in the versioned store under its node, valid from its {@code effective_from}. */
final class AssignmentRecorder implements Processor<String, Object, Void, Void> {
  private final String storeName;
  private VersionedKeyValueStore<String, FaultAssignment> store;

  AssignmentRecorder(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, Object> record) {
    FaultAssignment assignment = (FaultAssignment) record.value();
    store.put(record.key(), assignment, assignment.getEffectiveFromMs().toEpochMilli());
  }
}
