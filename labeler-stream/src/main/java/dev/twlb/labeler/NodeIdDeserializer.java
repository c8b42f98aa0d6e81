package dev.twlb.labeler;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the inputs' keys (node ids) as strings, handing out the same {@code String} for the same bytes: a cluster has
 * a few hundred ids and every record carries one, so a new string per record (and its hash, computed again wherever
 * it is a map key) was a twentieth of the labeler's stream thread.
 *
 * <p>An open-addressing table of immutable entries, started afresh when half full: ids are found by their bytes, so
 * tasks on other stream threads sharing this deserializer may race to add one (and add it twice, or lose an add) but
 * never read a wrong id. A long probe or a full table decodes as {@link
 * org.apache.kafka.common.serialization.StringDeserializer} does.
 */
final class NodeIdDeserializer implements Deserializer<String> {
  private static final int SLOTS = 1 << 15;
  private static final int MAX_PROBES = 32;

  private record Entry(byte[] bytes, String id) {}

  private Entry[] slots = new Entry[SLOTS];
  private int used;

  @Override
  public String deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    Entry[] table = slots;
    int hash = Arrays.hashCode(data);
    hash ^= hash >>> 16; // ids like node-1 ... node-5000 differ in their last bytes: spread those over the table
    for (int probe = 0, slot = hash * 0x9E3779B9 >>> 17; probe < MAX_PROBES; probe++, slot = (slot + 1) & (SLOTS - 1)) {
      Entry entry = table[slot];
      if (entry == null) {
        if (++used > SLOTS / 2) {
          slots = new Entry[SLOTS];
          used = 0;
          break;
        }
        entry = new Entry(data.clone(), new String(data, StandardCharsets.UTF_8));
        table[slot] = entry;
        return entry.id();
      }
      if (Arrays.equals(entry.bytes(), data)) {
        return entry.id();
      }
    }
    return new String(data, StandardCharsets.UTF_8);
  }
}
