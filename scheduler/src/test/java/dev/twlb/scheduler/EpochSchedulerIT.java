package dev.twlb.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.Topics;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The scheduler against a real broker: ahead-of-time publication and replay from a seed. */
@ExtendWith(KafkaExtension.class)
class EpochSchedulerIT {

  private List<ConsumerRecord<String, FaultAssignment>> runScheduler(KafkaFixture kafka, String topic, long seed) throws Exception {
    kafka.createTopics(3, topic);
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    SchedulerConfig config = new SchedulerConfig(Map.of(SchedulerConfig.SEED, seed, SchedulerConfig.EPOCHS, 3L,
        SchedulerConfig.EPOCH_DURATION_MS, 1_000L, SchedulerConfig.NODES, 6, SchedulerConfig.FAULTY, 2,
        SchedulerConfig.LEAD_MS, 2_000L, SchedulerConfig.TOPIC, topic));
    try (EpochScheduler scheduler = new EpochScheduler(config, props, Clock.systemUTC())) {
      scheduler.run(scheduler.firstEpochStart(), plan -> { });
    }
    List<ConsumerRecord<String, FaultAssignment>> records = new ArrayList<>();
    try (KafkaConsumer<String, FaultAssignment> consumer = new KafkaConsumer<>(Map.of(
        "bootstrap.servers", kafka.bootstrapServers(), "group.id", KafkaFixture.unique("g"), "auto.offset.reset", "earliest"),
        new org.apache.kafka.common.serialization.StringDeserializer(),
        Topics.FAULT_ASSIGNMENTS.valueSerde(kafka.serdeConfig()).deserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (records.size() < 18 && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    return records;
  }

  private static Set<String> plans(List<ConsumerRecord<String, FaultAssignment>> records) {
    return records.stream().map(r -> r.value().getEpochId() + " " + r.value().getNodeId() + " "
        + r.value().getFaultType() + " " + r.value().getParams()).collect(Collectors.toSet());
  }

  @Test
  void theFirstEpochWaitsTheStartDelay(KafkaFixture kafka) throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.serdeConfig());
    props.put("bootstrap.servers", kafka.bootstrapServers());
    java.time.Instant now = java.time.Instant.parse("2026-12-06T12:00:00.250Z");
    SchedulerConfig config = new SchedulerConfig(Map.of(SchedulerConfig.SEED, 1L, SchedulerConfig.START_DELAY_MS, 60_000L));
    try (EpochScheduler scheduler = new EpochScheduler(config, props, Clock.fixed(now, java.time.ZoneOffset.UTC))) {
      // 60 s of warm-up, the 3 s lead and half a second, up to the next whole second
      assertThat(scheduler.firstEpochStart()).isEqualTo(java.time.Instant.parse("2026-12-06T12:01:04Z"));
    }
  }

  @Test
  void publishesEveryNodesAssignmentAheadOfTimeAndTheSameSeedReplaysTheSamePlans(KafkaFixture kafka) throws Exception {
    List<ConsumerRecord<String, FaultAssignment>> first = runScheduler(kafka, KafkaFixture.unique("fa"), 99);
    List<ConsumerRecord<String, FaultAssignment>> second = runScheduler(kafka, KafkaFixture.unique("fa"), 99);

    assertThat(first).hasSize(18);
    assertThat(first).allSatisfy(r -> {
      assertThat(r.key()).isEqualTo(r.value().getNodeId());
      assertThat(r.value().getEffectiveFromMs()).isAfterOrEqualTo(Instant.ofEpochMilli(r.timestamp()).plusSeconds(2));
      assertThat(r.value().getRunId()).isEqualTo("run-99");
    });
    assertThat(first.stream().filter(r -> !r.value().getFaultType().equals("benign"))).hasSize(6);
    assertThat(plans(second)).isEqualTo(plans(first));
  }
}
