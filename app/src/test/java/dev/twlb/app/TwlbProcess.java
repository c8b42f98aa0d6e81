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
import java.util.concurrent.TimeUnit;

/** {@code java -jar target/twlb.jar ...} as a separate OS process, as a user runs it from a shell. */
final class TwlbProcess implements AutoCloseable {
  static final Path JAR = Path.of("target", "twlb.jar");

  private final Process process;
  private final Path output;

  private TwlbProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static TwlbProcess start(String... args) {
    return startIn(Path.of("."), List.of(args));
  }

  /** Starts {@code twlb args} with {@code workDir} as its working directory (relative paths resolve there). */
  static TwlbProcess startIn(Path workDir, List<String> args) {
    return startIn(workDir, List.of("-Xmx256m"), args);
  }

  /** Starts {@code twlb args} with {@code tmp} as its temporary directory ({@code java.io.tmpdir}). */
  static TwlbProcess startWithTempDir(Path tmp, String... args) {
    return startIn(Path.of("."), List.of("-Xmx256m", "-Djava.io.tmpdir=" + tmp), List.of(args));
  }

  /** Starts {@code twlb args} with the JVM options of the README's opening run command. */
  static TwlbProcess startWithReadmeOptions(String... args) {
    return startIn(Path.of("."), ReadmeCommands.runJvmOptions(), List.of(args));
  }

  private static TwlbProcess startIn(Path workDir, List<String> jvmOptions, List<String> args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(args);
    try {
      // A file, not a pipe: it keeps every line even when the process is gone before we read it.
      Path output = Files.createTempFile("twlb-process", ".log");
      Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile()).start();
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
