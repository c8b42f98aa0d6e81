package dev.twlb.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeClassArchiveTest {
  @TempDir
  Path dir;

  private NodeClassArchive archive(Path jar) {
    return new NodeClassArchive(dir.resolve("cds"), jar.toString(), ChildPrograms.NODE_JVM_OPTIONS);
  }

  private Path jar() throws IOException {
    return Files.writeString(dir.resolve("twlb.jar"), "not really a jar");
  }

  private static Path recordingOf(List<String> options) {
    return Path.of(options.stream().filter(o -> o.startsWith("-XX:ArchiveClassesAtExit=")).findFirst().orElseThrow()
        .substring("-XX:ArchiveClassesAtExit=".length()));
  }

  @Test
  void oneNodeRecordsWhileThereIsNoArchiveAndEveryNodeMapsItOnceItIsWritten() throws IOException {
    NodeClassArchive archive = archive(jar());
    List<String> recorder = archive.jvmOptions("node-1");
    assertThat(archive.jvmOptions("node-2")).isEmpty();
    assertThat(archive.jvmOptions("node-1")).as("the recorder, restarted, records again").isEqualTo(recorder);

    Files.write(recordingOf(recorder), new byte[] {1, 2, 3}); // what the JVM writes when node-1 ends
    archive.ended("node-2");
    assertThat(archive.file()).doesNotExist();
    archive.ended("node-1");

    assertThat(archive.file()).exists();
    assertThat(recordingOf(recorder)).doesNotExist();
    assertThat(archive.jvmOptions("node-2")).contains("-XX:SharedArchiveFile=" + archive.file(), "-XX:ArchiveRelocationMode=0");
  }

  @Test
  void aRecorderThatEndedWithoutWritingLeavesNoArchive() throws IOException {
    NodeClassArchive archive = archive(jar());
    archive.jvmOptions("node-1");
    archive.ended("node-1"); // e.g. killed: the JVM wrote nothing
    assertThat(archive.file()).doesNotExist();
    assertThat(archive.jvmOptions("node-1")).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
  }

  @Test
  void anotherJarHasAnotherArchiveAndOldArchivesOfOtherJarsAreRemoved() throws IOException {
    Path jar = jar();
    NodeClassArchive before = archive(jar);
    Files.createDirectories(before.file().getParent());
    Files.write(before.file(), new byte[] {1});
    Files.setLastModifiedTime(before.file(), FileTime.from(Instant.now().minus(Duration.ofDays(2))));

    Files.writeString(jar, "rebuilt, longer than before");
    NodeClassArchive after = archive(jar);
    assertThat(after.file()).isNotEqualTo(before.file());
    Files.write(recordingOf(after.jvmOptions("node-1")), new byte[] {1});
    after.ended("node-1");

    assertThat(after.file()).exists();
    assertThat(before.file()).as("a day old, of another jar").doesNotExist();
  }

  @Test
  void classDirectoriesCannotBeArchived() throws IOException {
    assertThat(NodeClassArchive.supports(jar().toString())).isTrue();
    assertThat(NodeClassArchive.supports(jar() + java.io.File.pathSeparator + dir)).isFalse();
  }
}
