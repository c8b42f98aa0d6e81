package dev.twlb.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaStoreTest {
  private static final String V1 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"}]}";
  private static final String V2 = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
      + "{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}]}";
  private static final String BREAKING = "{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"int\"},"
      + "{\"name\":\"c\",\"type\":\"long\"}]}";

  private final List<SchemaRecord> log = new ArrayList<>();
  private final SchemaStore store = new SchemaStore(log::add);

  @Test
  void registeringTheSameSchemaTwiceGivesOneIdAndOneVersion() {
    int first = store.register("t-value", V1);
    int again = store.register("t-value", "{ \"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"a\", \"type\": \"int\"}] }");
    assertThat(again).isEqualTo(first);
    assertThat(store.versions("t-value")).containsExactly(1);
    assertThat(log).hasSize(1);
  }

  @Test
  void equalSchemasShareAGlobalIdAcrossSubjects() {
    int a = store.register("a-value", V1);
    int b = store.register("b-value", V1);
    assertThat(b).isEqualTo(a);
    assertThat(store.subjects()).containsExactly("a-value", "b-value");
  }

  @Test
  void compatibleEvolutionAddsAVersionWithANewId() {
    int v1 = store.register("t-value", V1);
    int v2 = store.register("t-value", V2);
    assertThat(v2).isNotEqualTo(v1);
    assertThat(store.version("t-value", "latest").version()).isEqualTo(2);
    assertThat(store.version("t-value", "1").id()).isEqualTo(v1);
    assertThat(store.lookup("t-value", V2).version()).isEqualTo(2);
  }

  @Test
  void incompatibleChangeIsRefusedWith409() {
    store.register("t-value", V1);
    assertThatThrownBy(() -> store.register("t-value", BREAKING))
        .isInstanceOfSatisfying(RegistryError.class, e -> {
          assertThat(e.httpStatus()).isEqualTo(409);
          assertThat(e.errorCode()).isEqualTo(409);
        });
    assertThat(log).hasSize(1);
  }

  @Test
  void replayingTheLogRebuildsTheSameState() {
    store.register("t-value", V1);
    store.register("t-value", V2);
    store.register("u-value", V1);
    SchemaStore replayed = new SchemaStore(r -> { });
    log.forEach(replayed::apply);
    assertThat(replayed.subjects()).isEqualTo(store.subjects());
    assertThat(replayed.version("t-value", "latest")).isEqualTo(store.version("t-value", "latest"));
    assertThat(replayed.register("t-value", V2)).isEqualTo(store.register("t-value", V2));
    assertThat(replayed.register("v-value", "\"string\"")).isEqualTo(3);
  }

  @Test
  void errorsCarryConfluentCodes() {
    store.register("t-value", V1);
    assertThat(codeOf(() -> store.versions("missing"))).isEqualTo(40401);
    assertThat(codeOf(() -> store.version("t-value", "7"))).isEqualTo(40402);
    assertThat(codeOf(() -> store.version("t-value", "0"))).isEqualTo(42202);
    assertThat(codeOf(() -> store.version("t-value", "two"))).isEqualTo(42202);
    assertThat(codeOf(() -> store.lookup("t-value", V2))).isEqualTo(40403);
    assertThat(codeOf(() -> store.lookup("missing", V1))).isEqualTo(40401);
    assertThat(codeOf(() -> store.schemaById(42))).isEqualTo(40403);
    assertThat(codeOf(() -> store.register("t-value", "{not avro"))).isEqualTo(42201);
    assertThat(codeOf(() -> store.register("t-value", ""))).isEqualTo(42201);
  }

  private static int codeOf(Runnable call) {
    try {
      call.run();
    } catch (RegistryError e) {
      return e.errorCode();
    }
    throw new AssertionError("expected a RegistryError");
  }
}
