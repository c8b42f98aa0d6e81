package dev.twlb.app.run;

import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.PartitionLeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * Creates the data-flow topics, keyed by node id and co-partitioned (the labeler reads them
 * together), or checks that existing ones fit; returns once every partition has a leader.
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
      Map<String, TopicDescription> described = PartitionLeaders.await(admin, Topics.SET_UP, Duration.ofSeconds(30)).stream()
          .collect(Collectors.toMap(TopicDescription::name, d -> d));
      long counts = described.values().stream()
          .filter(d -> !d.name().equals(Topics.LABELER_DLQ)).mapToInt(d -> d.partitions().size()).distinct().count();
      if (counts != 1) {
        throw new IllegalStateException("the input topics of the labeler must have the same number of partitions; found "
            + described.values().stream().map(d -> d.name() + "=" + d.partitions().size()).toList());
      }
    }
  }

}
