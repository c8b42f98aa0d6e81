package dev.twlb.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twlb.schemas.NodeReport;
import dev.twlb.schemas.registry.RegistryException;
import dev.twlb.schemas.registry.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {
  private final String registryUrl = "mock://serializer-" + UUID.randomUUID();
  private final NodeReport report = NodeReport.newBuilder().setRequestId("r-1").setNodeId("node-1")
      .setTsMs(Instant.ofEpochMilli(1_000)).setReportedLatencyMs(2.5).setStatusCode(200).build();

  @Test
  void eachTopicGetsTheIdOfItsOwnSubjectAlsoWhenTopicsAlternate() {
    SchemaRegistryClient registry = SchemaRegistryClient.shared(List.of(registryUrl), Duration.ofSeconds(1));
    registry.register("registered-value", RecordClasses.portableSchemaOf(NodeReport.class));
    AvroSerializer<NodeReport> lookupOnly = new AvroSerializer<>(NodeReport.class);
    lookupOnly.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
    AvroDeserializer<NodeReport> reader = new AvroDeserializer<>(NodeReport.class);
    reader.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);

    assertThat(reader.deserialize("registered", lookupOnly.serialize("registered", report))).isEqualTo(report);
    assertThatThrownBy(() -> lookupOnly.serialize("not-registered", report)).isInstanceOf(RegistryException.class);
    assertThat(reader.deserialize("registered", lookupOnly.serialize("registered", report))).isEqualTo(report);
    assertThatThrownBy(() -> lookupOnly.serialize("not-registered", report)).isInstanceOf(RegistryException.class);
  }
}
