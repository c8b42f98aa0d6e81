package dev.twlb.app.run;

import dev.twlb.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the data-flow topics, keyed by node id and co-partitioned (the labeler reads them
 * together), or checks that existing ones fit.
 */
public final class TopicSetup {
  private TopicSetup() {}

  public static void ensure(Map<String, Object> clientProps, int partitions) throws Exception {
    try (Admin admin = Admin.create(clientProps)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      List<NewTopic> missing = new ArrayList<>();
      for (String topic : Topics.SET_UP) {
        if (!existing.contains(topic)) {
          missing.add(new NewTopic(topic, partitions, (short) Math.min(3, brokers)));
        }
      }
      admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      Map<String, TopicDescription> described = describe(admin);
      long counts = described.values().stream()
          .filter(d -> !d.name().equals(Topics.LABELER_DLQ)).mapToInt(d -> d.partitions().size()).distinct().count();
      if (counts != 1) {
        throw new IllegalStateException("the input topics of the labeler must have the same number of partitions; found "
            + described.values().stream().map(d -> d.name() + "=" + d.partitions().size()).toList());
      }
    }
  }

  /**
   * The topics' descriptions, once the broker that answers knows them all: a topic just created can still be unknown
   * to its metadata for a moment (seen on a busy machine, where twlb run then failed to start).
   */
  private static Map<String, TopicDescription> describe(Admin admin) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try {
        return admin.describeTopics(Topics.SET_UP).allTopicNames().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }
}
