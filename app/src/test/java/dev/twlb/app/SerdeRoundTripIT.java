package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.MetricSample;
import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topic;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.registry.HttpSchemaRegistry;
import dev.twlb.schemas.registry.SchemaRegistryClient;
import dev.twlb.schemas.serde.RecordClasses;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import dev.twlb.testkit.TopicIO;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type through a real broker and the embedded registry, and back, unchanged. */
@ExtendWith(KafkaExtension.class)
class SerdeRoundTripIT {
  private static final Instant T = Instant.parse("2026-11-24T10:15:30.123Z");

  static Stream<SpecificRecord> samples() {
    return Stream.of(
        FaultAssignment.newBuilder().setEpochId(3).setNodeId("node-2").setFaultType("lie-latency")
            .setParams(Map.of("delay_ms", 3400.0)).setEffectiveFromMs(T).setEffectiveUntilMs(T.plusSeconds(60))
            .setSeed(42).setRunId("run-1").build(),
        RequestEvent.newBuilder().setRequestId("r-1").setNodeId("node-2").setTsMs(T).setLatencyMs(5000.5)
            .setStatusCode(null).setOutcome(Outcome.TIMEOUT).setBytes(0).build(),
        NodeReport.newBuilder().setRequestId("r-1").setNodeId("node-2").setTsMs(T).setReportedLatencyMs(2.1)
            .setStatusCode(200).build(),
        MetricSample.newBuilder().setNodeId("node-2").setTsMs(T).setUp(true).setScrapeDurationMs(3.2)
            .setCpuSecondsTotal(12.5).setResidentMemoryBytes(1.5e8).setHeapUsedBytes(4.0e7).setRequestsTotal(100L)
            .setRequestsByStatus(Map.of("200", 90L, "500", 10L)).setLatencySumSeconds(1.5).setLatencyCount(100L).build(),
        LabeledWindow.newBuilder().setTimestamp(T).setNodeId("node-2").setAvgLatencySeconds(0.002)
            .setError500Count(3).setCpuUsageRate(0.25).setResidentMemMb(143.0).setFaultType("500-error")
            .setRunId("run-1").setEpochId(3L).setWindowStart(T).setWindowEnd(T.plusSeconds(5)).setLabelPurity(1.0)
            .setIsTransition(false).setRequestCount(20).setOkCount(17).setHttpErrorCount(3).setTimeoutCount(0)
            .setConnectErrorCount(0).setResetCount(0).setBadResponseCount(0).setSuccessRate(0.85)
            .setLatencyP50Ms(2.0).setLatencyP95Ms(3.0).setLatencyP99Ms(4.0).setLatencyMaxMs(4.5)
            .setReportedLatencyMeanMs(1.9).setLatencyGapMs(0.1).setReportCount(20).setReportGap(0)
            .setScrapeCount(3).setScrapeUpRatio(1.0).setHeapUsedMb(40.0).build());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Topic<SpecificRecord> topicFor(SpecificRecord record) {
    Topic<?> topic = Topics.DATA_TOPICS.stream().filter(t -> t.valueClass() == record.getClass()).findFirst().orElseThrow();
    return (Topic) topic.renamed(KafkaFixture.unique(topic.name()));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void recordRoundTripsUnchanged(SpecificRecord sample, KafkaFixture kafka) {
    Topic<SpecificRecord> topic = topicFor(sample);
    kafka.createTopics(1, topic.name());
    TopicIO.produce(kafka, topic, List.of(sample));

    List<SpecificRecord> read = TopicIO.consume(kafka, topic, 1, Duration.ofSeconds(30));

    assertThat(read).containsExactly(sample);
    SchemaRegistryClient client = new HttpSchemaRegistry(List.of(kafka.registryUrl()), Duration.ofSeconds(5));
    int id = client.lookup(topic.name() + "-value", RecordClasses.portableSchemaOf(sample.getClass()));
    assertThat(client.schemaById(id)).isEqualTo(RecordClasses.portableSchemaOf(sample.getClass()));
  }
}
