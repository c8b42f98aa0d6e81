package dev.twlb.bench;

import dev.twlb.labeler.LabelerConfig;
import dev.twlb.sink.SinkConfig;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far the labeler's and the sink's consumer groups (their default ids) are behind the end of their topics. */
final class ConsumerLag implements AutoCloseable {
  static final String LABELER_GROUP = (String) LabelerConfig.CONFIG.defaultValues().get(LabelerConfig.APPLICATION_ID);
  static final String SINK_GROUP = (String) SinkConfig.CONFIG.defaultValues().get(SinkConfig.GROUP_ID);

  private final Admin admin;

  ConsumerLag(String bootstrapServers) {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
  }

  /** Records the group has not committed yet, over every partition it has committed to; -1 while that cannot be read. */
  long of(String group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      committed.values().removeIf(java.util.Objects::isNull);
      if (committed.isEmpty()) {
        return -1;
      }
      var ends = admin.listOffsets(committed.keySet().stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
          .all().get(5, TimeUnit.SECONDS);
      return committed.entrySet().stream().mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue().offset())).sum();
    } catch (Exception e) {
      return -1;
    }
  }

  @Override
  public void close() {
    admin.close();
  }
}
