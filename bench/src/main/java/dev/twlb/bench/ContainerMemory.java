package dev.twlb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Memory of a compose project's running containers as {@code docker stats} reports it (the cgroup's usage less its
 * page cache), summed: what the machine spends on the project. Needs the docker CLI.
 */
final class ContainerMemory {
  private ContainerMemory() {
  }

  /** Summed memory of the project's running containers, in bytes, and how many there are. */
  static long[] of(String project) throws IOException, InterruptedException {
    List<String> ids = docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + project);
    if (ids.isEmpty()) {
      return new long[] {0, 0};
    }
    List<String> command = new ArrayList<>(List.of("stats", "--no-stream", "--format", "{{.MemUsage}}"));
    command.addAll(ids);
    long sum = 0;
    for (String usage : docker(command.toArray(String[]::new))) {
      sum += bytes(usage.split("/")[0].trim());
    }
    return new long[] {sum, ids.size()};
  }

  /** "123.4MiB" (docker's binary units) in bytes. */
  static long bytes(String size) {
    String s = size.toUpperCase(Locale.ROOT);
    int unit = 0;
    while (unit < s.length() && (Character.isDigit(s.charAt(unit)) || s.charAt(unit) == '.')) {
      unit++;
    }
    double value = Double.parseDouble(s.substring(0, unit));
    return Math.round(value * switch (s.substring(unit)) {
      case "B" -> 1L;
      case "KIB", "KB" -> 1L << 10;
      case "MIB", "MB" -> 1L << 20;
      case "GIB", "GB" -> 1L << 30;
      default -> throw new IllegalArgumentException("docker stats gave a size I cannot read: " + size);
    });
  }

  private static List<String> docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
