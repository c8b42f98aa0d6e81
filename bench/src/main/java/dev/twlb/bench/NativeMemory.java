package dev.twlb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Native Memory Tracking of another JVM through {@code jcmd}: a baseline, then what each part of the JVM (heap,
 * classes, threads, code, GC, other native allocations) committed since. The JVM must run with
 * {@code -XX:NativeMemoryTracking=summary}.
 */
final class NativeMemory {
  private final long pid;
  private final String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

  NativeMemory(long pid) {
    this.pid = pid;
  }

  static String flag() {
    return "-XX:NativeMemoryTracking=summary";
  }

  void baseline() throws IOException, InterruptedException {
    jcmd("VM.native_memory", "baseline");
  }

  /** The summary against the baseline, in MiB, as jcmd prints it. */
  String sinceBaseline() throws IOException, InterruptedException {
    return jcmd("VM.native_memory", "summary.diff", "scale=MB");
  }

  private String jcmd(String... command) throws IOException, InterruptedException {
    String[] full = new String[command.length + 2];
    full[0] = jcmd;
    full[1] = Long.toString(pid);
    System.arraycopy(command, 0, full, 2, command.length);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", full) + " failed: " + out);
    }
    return out;
  }
}
