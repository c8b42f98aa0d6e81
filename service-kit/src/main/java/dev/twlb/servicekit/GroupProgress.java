package dev.twlb.servicekit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group has come through topics as they stood when it was created: records between each
 * partition's first offset and its end then, and how many of them the group has committed. {@code twlb relabel} is done
 * when {@link #done()} reaches {@link #total()}.
 */
public final class GroupProgress {
  private final Admin admin;
  private final String group;
  private final Map<TopicPartition, Long> begin;
  private final Map<TopicPartition, Long> end;

  public GroupProgress(Admin admin, String group, List<String> topics) throws ExecutionException, InterruptedException {
    this.admin = admin;
    this.group = group;
    List<TopicPartition> partitions = new ArrayList<>();
    admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
        description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
    this.begin = offsets(partitions, OffsetSpec.earliest());
    this.end = offsets(partitions, OffsetSpec.latest());
  }

  private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetSpec> query = new HashMap<>();
    partitions.forEach(p -> query.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin.listOffsets(query).all().get().forEach((p, info) -> offsets.put(p, info.offset()));
    return offsets;
  }

  public long total() {
    return end.entrySet().stream().mapToLong(e -> e.getValue() - begin.get(e.getKey())).sum();
  }

  /** Records up to the end the group has committed (transaction markers count as records, as offsets do). */
  public long done() throws ExecutionException, InterruptedException {
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
    long done = 0;
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      OffsetAndMetadata at = committed.get(e.getKey());
      long from = begin.get(e.getKey());
      done += at == null ? 0 : Math.max(0, Math.min(at.offset(), e.getValue()) - from);
    }
    return done;
  }
}
