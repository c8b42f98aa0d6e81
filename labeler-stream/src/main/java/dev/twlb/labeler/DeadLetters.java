package dev.twlb.labeler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Checks an input record: a usable one goes on to each of {@code next} as its decoded value; one that cannot be used (bytes
 * that do not decode, no node id, a key that disagrees with the value's node id) goes to {@code deadLetters} as its
 * original bytes, with headers naming its source topic, partition, offset and the reason, and is counted.
 */
final class DeadLetters<V extends SpecificRecord> implements Processor<String, Decoded<V>, String, Object> {
  static final String TOPIC = "twlb.dlq.topic";
  static final String PARTITION = "twlb.dlq.partition";
  static final String OFFSET = "twlb.dlq.offset";
  static final String REASON = "twlb.dlq.reason";

  private final LabelerMetrics metrics;
  private final List<String> next;
  private final String deadLetters;
  private ProcessorContext<String, Object> context;

  /** @param next the processors usable records go to; @param deadLetters the sink of the dead-letter topic */
  DeadLetters(LabelerMetrics metrics, List<String> next, String deadLetters) {
    this.metrics = metrics;
    this.next = next;
    this.deadLetters = deadLetters;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Decoded<V>> record) {
    String reason = problem(record.key(), record.value());
    if (reason == null) {
      Record<String, Object> usable = record.withValue(record.value().value());
      next.forEach(child -> context.forward(usable, child));
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
    context.forward(record.withValue((Object) (record.value() == null ? null : record.value().raw())).withHeaders(headers), deadLetters);
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
