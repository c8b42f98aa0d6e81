package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.schemas.RequestEvent;
import dev.twlb.schemas.Topics;
import dev.twlb.schemas.registry.HttpSchemaRegistry;
import dev.twlb.schemas.registry.SchemaRegistryClient;
import dev.twlb.schemas.serde.AvroSerializer;
import dev.twlb.schemas.serde.RecordClasses;
import dev.twlb.schemas.serde.WireFormat;
import dev.twlb.testkit.KafkaExtension;
import dev.twlb.testkit.KafkaFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The embedded registry against a real broker: restarts, concurrency, and Confluent's HTTP shapes. */
@ExtendWith(KafkaExtension.class)
class SchemaRegistryIT {
  private static final Schema EVENT = RecordClasses.portableSchemaOf(RequestEvent.class);
  private static final Schema STRING = Schema.create(Schema.Type.STRING);

  private static SchemaRegistryClient freshClient(SchemaRegistryServer registry) {
    return new HttpSchemaRegistry(List.of(registry.url()), Duration.ofSeconds(10));
  }

  @Test
  void idsSurviveARestart(KafkaFixture kafka) {
    String topic = KafkaFixture.unique("_schemas");
    int eventId;
    int stringId;
    try (SchemaRegistryServer registry = kafka.startRegistry(topic)) {
      SchemaRegistryClient client = freshClient(registry);
      eventId = client.register("a-value", EVENT);
      stringId = client.register("b-value", STRING);
    }

    try (SchemaRegistryServer restarted = kafka.startRegistry(topic)) {
      SchemaRegistryClient client = freshClient(restarted);
      assertThat(client.schemaById(eventId)).isEqualTo(EVENT);
      assertThat(client.schemaById(stringId)).isEqualTo(STRING);
      assertThat(client.lookup("a-value", EVENT)).isEqualTo(eventId);
      assertThat(client.register("a-value", EVENT)).isEqualTo(eventId);
      int newId = client.register("c-value", Schema.create(Schema.Type.LONG));
      assertThat(newId).isNotIn(eventId, stringId);
    }
  }

  @Test
  void twoProducersRegisteringTheSameSchemaGetTheSameId(KafkaFixture kafka) throws Exception {
    String subject = KafkaFixture.unique("same") + "-value";
    SchemaRegistryClient first = new HttpSchemaRegistry(List.of(kafka.registryUrl()), Duration.ofSeconds(10));
    SchemaRegistryClient second = new HttpSchemaRegistry(List.of(kafka.registryUrl()), Duration.ofSeconds(10));
    CyclicBarrier together = new CyclicBarrier(2);
    CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> registerAfter(together, first, subject));
    CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> registerAfter(together, second, subject));

    assertThat(a.get()).isEqualTo(b.get());
    assertThat(httpGet(kafka.registryUrl() + "/subjects/" + subject + "/versions").body()).isEqualTo("[1]");
  }

  @Test
  void twoSerializersWriteTheSameSchemaIdIntoTheirRecords(KafkaFixture kafka) {
    String topic = KafkaFixture.unique("ids");
    RequestEvent event = RequestEvent.newBuilder().setRequestId("r").setNodeId("n").setTsMs(Instant.EPOCH)
        .setLatencyMs(1).setOutcome(dev.twlb.schemas.Outcome.OK).setStatusCode(200).setBytes(10).build();
    AvroSerializer<RequestEvent> one = new AvroSerializer<>(RequestEvent.class);
    AvroSerializer<RequestEvent> two = new AvroSerializer<>(RequestEvent.class);
    one.configure(kafka.serdeConfig(), false);
    two.configure(Map.of("schema.registry.url", kafka.registryUrl() + "/"), false);

    assertThat(WireFormat.schemaId(topic, one.serialize(topic, event)))
        .isEqualTo(WireFormat.schemaId(topic, two.serialize(topic, event)));
  }

  @Test
  void answersWithConfluentShapesAndErrorCodes(KafkaFixture kafka) {
    String base = kafka.registryUrl();
    String subject = Topics.REQUEST_EVENTS.name() + "-" + KafkaFixture.unique("shape") + "-value";
    int id = freshClient(base).register(subject, EVENT);

    HttpResponse<String> latest = httpGet(base + "/subjects/" + subject + "/versions/latest");
    assertThat(latest.statusCode()).isEqualTo(200);
    assertThat(latest.headers().firstValue("Content-Type")).hasValue("application/vnd.schemaregistry.v1+json");
    assertThat(latest.body()).startsWith("{\"subject\":\"" + subject + "\",\"version\":1,\"id\":" + id + ",\"schema\":");
    assertThat(httpGet(base + "/subjects").body()).contains("\"" + subject + "\"");
    assertThat(httpGet(base + "/schemas/ids/" + id).body()).startsWith("{\"schema\":\"{\\\"type\\\":\\\"record\\\"");

    HttpResponse<String> missing = httpGet(base + "/subjects/no-such-subject/versions");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).isEqualTo("{\"error_code\":40401,\"message\":\"Subject 'no-such-subject' not found.\"}");
    assertThat(httpGet(base + "/subjects/" + subject + "/versions/5").body()).contains("\"error_code\":40402");
    assertThat(httpGet(base + "/schemas/ids/987654").body()).contains("\"error_code\":40403");

    HttpResponse<String> invalid = httpPost(base + "/subjects/" + subject + "/versions", "{\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\"}");
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.body()).contains("\"error_code\":42201");
    HttpResponse<String> incompatible = httpPost(base + "/subjects/" + subject + "/versions", "{\"schema\":\"\\\"int\\\"\"}");
    assertThat(incompatible.statusCode()).isEqualTo(409);
  }

  private static SchemaRegistryClient freshClient(String url) {
    return new HttpSchemaRegistry(List.of(url), Duration.ofSeconds(10));
  }

  private static int registerAfter(CyclicBarrier barrier, SchemaRegistryClient client, String subject) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return client.register(subject, EVENT);
  }

  static HttpResponse<String> httpGet(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
  }

  static HttpResponse<String> httpPost(String url, String body) {
    return send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
