package dev.twlb.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory of a process as Linux counts it, from /proc: resident set size (every page it maps, shared ones in full),
 * and proportional set size (each shared page divided among the processes that map it: the fair share, which adds up
 * across processes to what the machine really spends). 0 where it is not readable, e.g. the process just ended.
 */
final class ProcMemory {
  static final double MIB = 1024.0 * 1024.0;

  private ProcMemory() {
  }

  static long rss(ProcessHandle process) {
    return field(Path.of("/proc", Long.toString(process.pid()), "status"), "VmRSS:");
  }

  static long pss(ProcessHandle process) {
    return field(Path.of("/proc", Long.toString(process.pid()), "smaps_rollup"), "Pss:");
  }

  /** A process and all its descendants, proportional set size summed. */
  static long pssWithDescendants(ProcessHandle process) {
    return pss(process) + process.descendants().mapToLong(ProcMemory::pss).sum();
  }

  private static long field(Path file, String name) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (String line : lines) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process just ended
    }
    return 0;
  }
}
