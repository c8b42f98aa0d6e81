package dev.twlb.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.serde.RecordClasses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaContractTest {
  private static final Path SCHEMAS = Path.of("src/main/avro");
  private static final Path SNAPSHOTS = Path.of("compat");

  static List<Path> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(file.toFile());
  }

  static boolean canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }

  @Test
  void everyRecordOfTheDesignHasASchema() throws IOException {
    assertThat(schemaFiles()).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder(
        "FaultAssignment.avsc", "FaultConfirmation.avsc", "RequestEvent.avsc", "NodeReport.avsc", "MetricSample.avsc", "LabeledWindow.avsc",
        "FaultDetection.avsc");
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void readsEverythingItsSnapshotWrote(Path file) throws IOException {
    Path snapshot = SNAPSHOTS.resolve(file.getFileName());
    assertThat(snapshot).as("snapshot of %s under compat/ (copy it there when the schema is new)", file).exists();
    assertThat(canRead(parse(file), parse(snapshot)))
        .as("%s must read data written with compat/%s", file, file.getFileName())
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("schemaFiles")
  void everyFieldIsDocumentedAndTimesAreTimestampMillis(Path file) throws IOException {
    Schema schema = parse(file);
    assertThat(schema.getDoc()).isNotBlank();
    for (Schema.Field field : schema.getFields()) {
      assertThat(field.doc()).as("doc of %s.%s", schema.getName(), field.name()).isNotBlank();
      boolean isPointInTime = field.name().equals("timestamp") || field.name().startsWith("window_")
          || field.name().equals("ts_ms") || field.name().startsWith("effective_") || field.name().startsWith("applied_") || field.name().startsWith("confirmed_");
      if (isPointInTime) {
        assertThat(field.schema().getLogicalType()).as("%s.%s", schema.getName(), field.name())
            .isEqualTo(LogicalTypes.timestampMillis());
      }
    }
  }

  @Test
  void theCheckCatchesAnIncompatibleChange() throws IOException {
    Schema old = parse(SNAPSHOTS.resolve("NodeReport.avsc"));
    String json = old.toString();
    Schema withRequiredField = new Schema.Parser().parse(
        json.replace("\"fields\":[", "\"fields\":[{\"name\":\"extra\",\"type\":\"int\"},"));
    Schema withDefaultedField = new Schema.Parser().parse(
        json.replace("\"fields\":[", "\"fields\":[{\"name\":\"extra\",\"type\":\"int\",\"default\":0},"));

    assertThat(canRead(withRequiredField, old)).isFalse();
    assertThat(canRead(withDefaultedField, old)).isTrue();
  }

  @Test
  void registeredSchemasAreTheFilesWithoutJavaOnlyProperties() throws IOException {
    assertThat(RecordClasses.portableSchemaOf(LabeledWindow.class)).isEqualTo(parse(SCHEMAS.resolve("LabeledWindow.avsc")));
    assertThat(RecordClasses.portableSchemaOf(RequestEvent.class)).isEqualTo(parse(SCHEMAS.resolve("RequestEvent.avsc")));
  }
}
