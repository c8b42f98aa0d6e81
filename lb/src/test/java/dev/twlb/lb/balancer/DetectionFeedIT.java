package dev.twlb.lb.balancer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.TopicFeed;
import dev.twlb.schemas.cluster.NodeAddress;
import dev.twlb.schemas.cluster.NodeList;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The detector's verdicts reach trust-weighted through a real broker: new ones only, each lowering that node's trust. */
@ExtendWith(KafkaExtension.class)
class DetectionFeedIT {
  private static final List<NodeAddress> NODES = NodeList.numbered(3, "localhost", 7001);

  @Test
  void aVerdictOfAFaultLowersThatNodesTrustAndOlderVerdictsAreIgnored(KafkaFixture kafka) {
    Topic<FaultDetection> detections = Topics.FAULT_DETECTIONS.renamed(KafkaFixture.unique("detections"));
    kafka.createTopics(1, detections.name());
    TopicIO.produce(kafka, detections, List.of(verdict("node-1", "crash"))); // before the balancer: the past
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    TrustWeighted strategy = new TrustWeighted(NODES, new SplittableRandom(1), System::nanoTime);
    try (TopicFeed<FaultDetection> feed = DetectionFeed.start(detections.name(), props, strategy)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        TopicIO.produce(kafka, detections, List.of(verdict("node-2", "corrupt")));
        return strategy.trust(NODES.get(1)) < 0.9;
      });
      assertThat(strategy.trust(NODES.get(0))).as("the verdict from before it started").isEqualTo(1.0);
      assertThat(strategy.trust(NODES.get(2))).isEqualTo(1.0);
    }
  }

  @Test
  void aFeedWhoseThreadHitsAnErrorStopsItsServiceInsteadOfDyingSilently(KafkaFixture kafka) throws Exception {
    Topic<FaultDetection> detections = Topics.FAULT_DETECTIONS.renamed(KafkaFixture.unique("detections"));
    kafka.createTopics(1, detections.name());
    TopicIO.produce(kafka, detections, List.of(verdict("node-1", "crash")));
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    try (TopicFeed<FaultDetection> feed = new TopicFeed<>(detections, props, (consumer, partitions) -> consumer.seekToBeginning(partitions),
        value -> {
          throw new NoClassDefFoundError("a class of a jar replaced under the running JVM");
        })) {
      feed.start();
      Throwable cause = feed.failure().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(cause).hasMessageContaining("NoClassDefFoundError");
      assertThat(feed.health()).isEqualTo("DEGRADED");
      assertThat(feed.status()).startsWith("stopped");
    }
  }

  private static FaultDetection verdict(String node, String fault) {
    Instant now = Instant.now();
    return FaultDetection.newBuilder().setNodeId(node).setWindowStart(now.minusSeconds(5)).setWindowEnd(now)
        .setPredictedFault(fault).setScore(1.0).setModelId("test").setDetectedAt(now).build();
  }
}
