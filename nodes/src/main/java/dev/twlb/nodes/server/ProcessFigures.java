package dev.twlb.nodes.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time and resident memory a node reports as {@code process_cpu_seconds_total} and
 * {@code process_resident_memory_bytes}: its own process's when it has one, its own share when a host runs it.
 */
interface ProcessFigures {
  double cpuSeconds();

  double residentBytes();

  /** The figures of this whole process: a node that runs alone in it. */
  static ProcessFigures ownProcess() {
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new ProcessFigures() {
      @Override
      public double cpuSeconds() {
        return os.getProcessCpuTime() / 1e9;
      }

      @Override
      public double residentBytes() {
        return processResidentBytes();
      }
    };
  }

  /** Resident set size of this process from /proc (Linux); NaN where that is not available. */
  static double processResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Double.parseDouble(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux: reported as NaN
    }
    return Double.NaN;
  }
}
