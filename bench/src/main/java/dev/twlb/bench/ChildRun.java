package dev.twlb.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A {@code twlb run} started by a benchmark as its own process, with the JVM options the README's run command gives it. */
final class ChildRun {
  /**
   * The README's run options besides the heap: a 32 MiB young generation, the serial collector, the quick compiler only
   * ({@code ChildRunTest} holds them to the README).
   */
  static final List<String> README_OPTIONS = List.of("-Xmn32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
  /** The README's heap. */
  static final String README_HEAP = "160m";

  private ChildRun() {
  }

  /**
   * @param heap the heap, fixed and resident from the start as in the README ({@code -Xms = -Xmx}, {@code
   *     -XX:+AlwaysPreTouch}), or {@code default} for the JVM's own sizing
   * @param jvmOptions further JVM options
   * @param runArgs the arguments after {@code run}
   */
  static List<String> command(Path jar, String heap, List<String> jvmOptions, List<String> runArgs) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    if (!heap.equals("default")) {
      command.addAll(List.of("-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch"));
    }
    command.addAll(README_OPTIONS);
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "run"));
    command.addAll(runArgs);
    return command;
  }

  /** The command as a reader would type it: {@code java <options> -jar twlb.jar run}. */
  static String shown(List<String> command, Path jar) {
    return "java " + String.join(" ", command.subList(1, command.indexOf("run") + 1)).replace(jar.toString(), "twlb.jar");
  }

  /** Starts the command with its output in {@code log}. */
  static Process start(List<String> command, Path log) throws IOException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
