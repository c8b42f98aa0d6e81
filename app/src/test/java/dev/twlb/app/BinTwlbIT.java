package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code bin/twlb}, the README's launcher: each subcommand's line of {@code bin/jvm.options}, and its overrides. */
class BinTwlbIT {
  private static final long MIB = 1024 * 1024;

  @Test
  void runGetsTheRunLineOfJvmOptions() throws Exception {
    String flags = launch(Map.of(), "run", "--help");
    assertThat(flags).contains("-XX:InitialHeapSize=" + 160 * MIB, "-XX:MaxHeapSize=" + 160 * MIB, "-XX:MaxNewSize=" + 32 * MIB,
        "-XX:+AlwaysPreTouch", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1").contains("Usage: twlb run");
  }

  @Test
  void heapOptionsReplaceTheLinesHeapAndJvmOptionsAddToIt() throws Exception {
    String flags = launch(Map.of("TWLB_HEAP_OPTS", "-Xmx200m", "TWLB_JVM_OPTS", "-XX:+ExitOnOutOfMemoryError"), "run", "--help");
    assertThat(flags).contains("-XX:MaxHeapSize=" + 200 * MIB, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError")
        .doesNotContain("-XX:InitialHeapSize=" + 160 * MIB, "-XX:MaxNewSize=" + 32 * MIB);
  }

  @Test
  void aJobOverTheDatasetIsATool() throws Exception {
    assertThat(launch(Map.of(), "train", "--help")).contains("-XX:MaxRAMPercentage=50").doesNotContain("-XX:+UseSerialGC")
        .contains("Usage: twlb train");
    assertThat(launch(Map.of(), "sink", "--help")).as("a service").contains("-XX:MaxHeapSize=" + 96 * MIB, "-XX:+UseSerialGC");
  }

  /** Runs {@code bin/twlb args} with the JVM printing its flags; returns everything it wrote. */
  private static String launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("sh", TwlbProcess.LAUNCHER.toAbsolutePath().normalize().toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TWLB_JAR", TwlbProcess.JAR.toAbsolutePath().toString());
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.environment().remove("TWLB_HEAP_OPTS");
    builder.environment().putAll(env);
    String printFlags = "-XX:+PrintCommandLineFlags";
    builder.environment().merge("TWLB_JVM_OPTS", printFlags, (mine, print) -> mine + " " + print);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
