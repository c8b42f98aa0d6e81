package dev.twlb.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code twlb ...} as a separate OS process, as a user runs it from a shell: through {@code bin/twlb} as the README
 * writes it ({@link #readme}), or as {@code java -jar target/twlb.jar ...} with a test's own JVM options.
 */
final class TwlbProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "twlb.jar");
  /** The launcher the README's commands start with, run from the repository's root by a user. */
  static final Path LAUNCHER = Path.of("..", "bin", "twlb");

  private final Process process;
  private final Path output;

  private TwlbProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code java -Xmx256m -jar target/twlb.jar args}. */
  static TwlbProcess start(String... args) {
    return startIn(Path.of("."), List.of("-Xmx256m"), List.of(args));
  }

  /**
   * Runs a README command line ({@code bin/twlb args}, the jar of this build) in {@code workDir}, with its JVM options
   * from {@code bin/jvm.options} and {@code jvmOptions} added as a user adds them ({@code TWLB_JVM_OPTS}).
   */
  static TwlbProcess readme(Path workDir, List<String> args, String... jvmOptions) {
    return throughLauncher(workDir, Map.of("TWLB_JVM_OPTS", String.join(" ", jvmOptions)), args);
  }

  /**
   * Runs {@code bin/twlb args} with the jar of this build and this JVM's java, in {@code workDir}, with {@code env}
   * ({@code TWLB_HEAP_OPTS}, {@code TWLB_JVM_OPTS}) as a user sets it and no other override of the launcher's.
   */
  static TwlbProcess throughLauncher(Path workDir, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>(List.of("sh", LAUNCHER.toAbsolutePath().normalize().toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().remove("TWLB_HEAP_OPTS");
    builder.environment().remove("TWLB_JVM_OPTS");
    builder.environment().put("TWLB_JAR", JAR.toAbsolutePath().toString());
    builder.environment().put("JAVA", javaBinary());
    builder.environment().putAll(env);
    return start(builder);
  }

  private static TwlbProcess startIn(Path workDir, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    return start(new ProcessBuilder(command).directory(workDir.toFile()));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static TwlbProcess start(ProcessBuilder builder) {
    try {
      // A file, not a pipe: it keeps every line even when the process is gone before we read it.
      Path output = Files.createTempFile("twlb-process", ".log");
      Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
      return new TwlbProcess(process, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for a line of output that contains {@code text} and returns it. */
  String awaitLine(String text, Duration timeout) {
    try {
      await().atMost(timeout).pollInterval(Duration.ofMillis(100))
          .failFast("twlb exited early", () -> !process.isAlive() && find(text) == null) // its last line may come as it exits
          .until(() -> find(text) != null);
    } catch (RuntimeException e) {
      List<String> lines = output();
      throw new AssertionError("no line with '" + text + "' in twlb's output; its last lines:\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())), e);
    }
    return find(text);
  }

  private String find(String text) {
    return output().stream().filter(l -> l.contains(text)).findFirst().orElse(null);
  }

  List<String> output() {
    try {
      return Files.readAllLines(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The processes this one started (its nodes), as they are now. */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  /** Waits for the process to end by itself and returns its exit code. */
  int waitForExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("twlb did not end within " + timeout + "; output: " + output());
    }
    return process.exitValue();
  }

  /** Kills the process with SIGKILL (no shutdown hook runs) and waits for it to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Sends SIGTERM and waits for the process to end; returns its exit code. */
  int stop(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("twlb did not stop within " + timeout + " of SIGTERM; output: " + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException {
    process.destroyForcibly();
    Files.deleteIfExists(output);
  }
}
