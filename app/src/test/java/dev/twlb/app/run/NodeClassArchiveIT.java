package dev.twlb.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real JVM: a node process records the archive when it ends, and the next one loads twlb's classes from it. */
class NodeClassArchiveIT {
  @TempDir
  Path dir;

  private static String twlb(List<String> archiveOptions, String... extra) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ChildPrograms.NODE_JVM_OPTIONS);
    command.addAll(archiveOptions);
    command.addAll(List.of(extra));
    command.addAll(List.of("-cp", Path.of("target", "twlb.jar").toAbsolutePath().toString(), ChildPrograms.MAIN_CLASS, "node", "--help"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void theFirstNodeProcessRecordsTheArchiveAndTheNextMapsIt() throws Exception {
    String jar = Path.of("target", "twlb.jar").toAbsolutePath().toString();
    assertThat(NodeClassArchive.supports(jar)).isTrue();
    NodeClassArchive archive = new NodeClassArchive(dir, jar, ChildPrograms.NODE_JVM_OPTIONS);

    twlb(archive.jvmOptions("node-1"));
    archive.ended("node-1");
    assertThat(archive.file()).exists().isNotEmptyFile();

    String classLoading = twlb(archive.jvmOptions("node-2"), "-Xlog:class+load=info");
    assertThat(classLoading).contains("dev.twlb.app.NodeCommand source: shared objects file (top)");
  }
}
