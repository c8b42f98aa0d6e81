package dev.twlb.labeler;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultConfirmation;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.RequestEvent;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * An input record as read: the decoded value, or the original bytes and why they did not decode.
 * Reading never throws, so one bad record goes to the dead-letter topic instead of stopping the app.
 */
record Decoded<V extends SpecificRecord>(V value, byte[] raw, String error) {

  boolean ok() {
    return error == null;
  }

  /** The event time of a decoded value: when the balancer sent the request, the node got it, the scrape began, the assignment starts, the node applied it. */
  long eventTime(long fallback) {
    if (value instanceof RequestEvent e) {
      return e.getTsMs().toEpochMilli();
    }
    if (value instanceof NodeReport r) {
      return r.getTsMs().toEpochMilli();
    }
    if (value instanceof MetricSample s) {
      return s.getTsMs().toEpochMilli();
    }
    if (value instanceof FaultAssignment a) {
      return a.getEffectiveFromMs().toEpochMilli();
    }
    if (value instanceof FaultConfirmation c) {
      return c.getAppliedFromMs().toEpochMilli();
    }
    return fallback;
  }

  /** The node id a decoded value names, or null. */
  String nodeId() {
    if (value instanceof RequestEvent e) {
      return e.getNodeId();
    }
    if (value instanceof NodeReport r) {
      return r.getNodeId();
    }
    if (value instanceof MetricSample s) {
      return s.getNodeId();
    }
    if (value instanceof FaultAssignment a) {
      return a.getNodeId();
    }
    if (value instanceof FaultConfirmation c) {
      return c.getNodeId();
    }
    return null;
  }

  /** A deserializer that reads with {@code values} and never fails (inputs are only read, never written). */
  static <V extends SpecificRecord> Deserializer<Decoded<V>> deserializer(Serde<V> values) {
    Deserializer<V> inner = values.deserializer();
    return new Deserializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        inner.configure(configs, isKey);
      }

      @Override
      public Decoded<V> deserialize(String topic, byte[] data) {
        if (data == null) {
          return new Decoded<>(null, null, "null value (tombstone)");
        }
        try {
          return new Decoded<>(inner.deserialize(topic, data), data, null);
        } catch (RuntimeException e) {
          return new Decoded<>(null, data, e.getMessage() == null ? e.toString() : e.getMessage());
        }
      }
    };
  }
}
