package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private static String launch(Map<String, String> env, String... args) throws Exception {
    Map<String, String> withFlags = new HashMap<>(env);
    withFlags.merge("TWLB_JVM_OPTS", "-XX:+PrintCommandLineFlags", (mine, print) -> mine + " " + print);
    try (TwlbProcess process = TwlbProcess.throughLauncher(Path.of("."), withFlags, List.of(args))) {
      int exit = process.waitForExit(Duration.ofSeconds(60));
      String out = String.join("\n", process.output());
      assertThat(exit).as(out).isZero();
      return out;
    }
  }
}
