package dev.twlb.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicFeedTest {
  @Test
  void theBackoffDoublesFromHalfASecondAndStopsGrowingAtTenSeconds() {
    assertThat(TopicFeed.backoff(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(TopicFeed.backoff(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(TopicFeed.backoff(5)).isEqualTo(Duration.ofSeconds(8));
    assertThat(TopicFeed.backoff(6)).isEqualTo(TopicFeed.MAX_BACKOFF);
    assertThat(TopicFeed.backoff(1_000)).as("no overflow after hours of retrying").isEqualTo(TopicFeed.MAX_BACKOFF);
  }
}
