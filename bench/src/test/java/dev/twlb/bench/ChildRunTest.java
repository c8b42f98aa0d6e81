package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildRunTest {
  @TempDir
  Path dir;

  @Test
  void aBenchmarksTwlbRunHasTheOptionsOfTheRunLineOfTheJarsJvmOptions() throws Exception {
    Path jar = jarWith(Files.readAllBytes(Path.of("..", "bin", "jvm.options")));
    String runLine = Files.readAllLines(Path.of("..", "bin", "jvm.options")).stream()
        .filter(line -> line.startsWith("run=")).findFirst().orElseThrow();
    List<String> options = Arrays.asList(runLine.substring("run=".length()).split("\\s+"));

    List<String> command = ChildRun.command(jar, ChildRun.RUN_LINE_HEAP, List.of("-Dx=1"), List.of("--epochs", "1"));
    assertThat(command.subList(1, command.indexOf("-jar"))).containsExactlyElementsOf(concat(options, "-Dx=1"));
    assertThat(command.subList(command.indexOf("-jar"), command.size())).containsExactly("-jar", jar.toString(), "run", "--epochs", "1");
  }

  @Test
  void anotherHeapReplacesTheLinesHeapDefaultLeavesItToTheJvmAndPlainHasNoOption() throws Exception {
    Path jar = jarWith("run=-Xms160m -Xmx160m -Xmn32m -XX:+AlwaysPreTouch -XX:+UseSerialGC\n".getBytes());
    List<String> bigger = ChildRun.command(jar, "512m", List.of(), List.of());
    assertThat(bigger.subList(1, bigger.indexOf("-jar"))).containsExactly("-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-Xms512m", "-Xmx512m");
    List<String> jvms = ChildRun.command(jar, "default", List.of(), List.of());
    assertThat(jvms.subList(1, jvms.indexOf("-jar"))).containsExactly("-XX:+UseSerialGC");
    List<String> plain = ChildRun.command(jar, ChildRun.PLAIN, List.of(), List.of());
    assertThat(plain.subList(1, plain.indexOf("-jar"))).isEmpty();
  }

  private Path jarWith(byte[] jvmOptions) throws Exception {
    Path jar = dir.resolve("twlb.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("dev/twlb/app/run/jvm.options"));
      out.write(jvmOptions);
      out.closeEntry();
    }
    return jar;
  }

  private static List<String> concat(List<String> options, String more) {
    List<String> all = new java.util.ArrayList<>(options);
    all.add(more);
    return all;
  }
}
