package dev.twlb.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * A {@code twlb run} started by a benchmark as its own process, with the JVM options {@code bin/twlb run} gives it: the
 * {@code run=} line of {@code bin/jvm.options}, read from the jar being measured (which carries the file).
 */
final class ChildRun {
  /** The heap of {@code bin/jvm.options}' run line, as it is. */
  static final String RUN_LINE_HEAP = "160m";
  /** No JVM option at all: what {@code java -jar twlb.jar run} costs. */
  static final String PLAIN = "plain";
  private static final String OPTIONS_IN_JAR = "dev/twlb/app/run/jvm.options";

  private ChildRun() {
  }

  /**
   * @param heap {@link #RUN_LINE_HEAP} for the run line as it is; another size fixes the heap there instead, as {@code
   *     TWLB_HEAP_OPTS="-Xms<heap> -Xmx<heap>"} does; {@code default} leaves the heap to the JVM (no -Xms, -Xmx, -Xmn, nor
   *     a pre-touch of a heap it sizes from the machine's memory); {@code plain} gives no option of the line at all, as
   *     a bare {@code java -jar twlb.jar run}
   * @param jvmOptions further JVM options ({@code TWLB_JVM_OPTS})
   * @param runArgs the arguments after {@code run}
   */
  static List<String> command(Path jar, String heap, List<String> jvmOptions, List<String> runArgs) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String option : heap.equals(PLAIN) ? List.<String>of() : runOptions(jar)) {
      boolean heapSize = option.startsWith("-Xms") || option.startsWith("-Xmx") || option.startsWith("-Xmn");
      if (heap.equals(RUN_LINE_HEAP) || !heapSize && !(heap.equals("default") && option.equals("-XX:+AlwaysPreTouch"))) {
        command.add(option);
      }
    }
    if (!heap.equals(RUN_LINE_HEAP) && !heap.equals("default") && !heap.equals(PLAIN)) {
      command.addAll(List.of("-Xms" + heap, "-Xmx" + heap));
    }
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar.toString(), "run"));
    command.addAll(runArgs);
    return command;
  }

  /** The options of the {@code run=} line of the jar's {@code jvm.options}. */
  static List<String> runOptions(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry entry = file.getEntry(OPTIONS_IN_JAR);
      if (entry == null) {
        throw new IllegalStateException(jar + " has no " + OPTIONS_IN_JAR + ": not a twlb jar of this project?");
      }
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(file.getInputStream(entry), StandardCharsets.UTF_8))) {
        return lines.lines().filter(l -> l.startsWith("run=")).findFirst()
            .map(l -> Arrays.asList(l.substring("run=".length()).trim().split("\\s+")))
            .orElseThrow(() -> new IllegalStateException(jar + "'s " + OPTIONS_IN_JAR + " has no run= line"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + jar + ": " + e.getMessage(), e);
    }
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
