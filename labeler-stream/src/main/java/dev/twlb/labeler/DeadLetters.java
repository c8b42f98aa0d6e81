package dev.twlb.labeler;

import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Marks the input records that cannot be used (bytes that do not decode, no node id, a key that
 * disagrees with the value's node id) with headers naming their source topic, partition, offset and
 * the reason, so the topology routes them to the dead-letter topic and counts them.
 */
final class DeadLetters<V extends SpecificRecord> implements FixedKeyProcessor<String, Decoded<V>, Decoded<V>> {
  static final String TOPIC = "twlb.dlq.topic";
  static final String PARTITION = "twlb.dlq.partition";
  static final String OFFSET = "twlb.dlq.offset";
  static final String REASON = "twlb.dlq.reason";

  private final LabelerMetrics metrics;
  private FixedKeyProcessorContext<String, Decoded<V>> context;

  DeadLetters(LabelerMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Decoded<V>> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, Decoded<V>> record) {
    String reason = problem(record.key(), record.value());
    if (reason == null) {
      context.forward(record);
      return;
    }
    Headers headers = new RecordHeaders(record.headers().toArray());
    context.recordMetadata().ifPresent(meta -> {
      headers.add(TOPIC, bytes(meta.topic()));
      headers.add(PARTITION, bytes(Integer.toString(meta.partition())));
      headers.add(OFFSET, bytes(Long.toString(meta.offset())));
    });
    headers.add(REASON, bytes(reason));
    metrics.deadLetter(context.recordMetadata().map(m -> m.topic()).orElse("?"));
    Decoded<V> failed = record.value() != null && !record.value().ok()
        ? record.value() : new Decoded<>(null, record.value() == null ? null : record.value().raw(), reason);
    context.forward(record.withValue(failed).withHeaders(headers));
  }

  static boolean isDeadLetter(Decoded<?> decoded) {
    return decoded == null || !decoded.ok();
  }

  private static String problem(String key, Decoded<?> decoded) {
    if (decoded == null) {
      return "null record";
    }
    if (!decoded.ok()) {
      return "cannot decode: " + decoded.error();
    }
    String node = decoded.nodeId();
    if (node == null || node.isBlank()) {
      return "record has no node_id";
    }
    if (key == null || key.isBlank()) {
      return "record has no key (the node id)";
    }
    if (!key.equals(node)) {
      return "key '" + key + "' differs from node_id '" + node + "'";
    }
    return null;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
