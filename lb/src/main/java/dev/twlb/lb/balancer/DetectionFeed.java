package dev.twlb.lb.balancer;

import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.kafka.TopicFeed;
import java.util.Map;

/**
 * The detector's verdicts, as they arrive, handed to the strategy: every partition of the detections topic from its
 * end (older verdicts describe nodes as they were). A {@link TopicFeed}: a broker that is slow or restarts is retried
 * for as long as the balancer runs; a topic it cannot read at all stops the balancer.
 */
final class DetectionFeed {
  private DetectionFeed() {}

  static TopicFeed<FaultDetection> start(String topic, Map<String, Object> clientProps, Strategy strategy) {
    TopicFeed<FaultDetection> feed = new TopicFeed<>(Topics.FAULT_DETECTIONS.renamed(topic), clientProps,
        (consumer, partitions) -> consumer.seekToEnd(partitions),
        verdict -> strategy.verdict(verdict.getNodeId(), !FaultType.BENIGN.wireName().equals(verdict.getPredictedFault()),
            verdict.getScore()));
    feed.start();
    return feed;
  }
}
