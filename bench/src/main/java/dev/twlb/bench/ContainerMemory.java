package dev.twlb.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Memory of a compose project's running containers: the proportional set size of every process in them, read from
 * /proc as for {@code twlb run} (so the two figures compare; needs root, as other users' processes are only readable
 * to it), summed. A sample is two quick docker CLI calls (70 ms here; {@code docker stats --no-stream} took 2.7 s,
 * sampling every container twice, on the machine the cluster being measured shares).
 */
final class ContainerMemory {
  private ContainerMemory() {
  }

  /** Summed proportional set size of the project's running containers' processes, in bytes, and how many containers. */
  static long[] of(String project) throws IOException, InterruptedException {
    List<String> ids = docker("ps", "-q", "--filter", "label=com.docker.compose.project=" + project);
    if (ids.isEmpty()) {
      return new long[] {0, 0};
    }
    List<String> command = new ArrayList<>(List.of("inspect", "--format", "{{.State.Pid}}"));
    command.addAll(ids);
    long sum = 0;
    for (String pid : docker(command.toArray(String[]::new))) {
      Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(pid)); // none for 0: a container between restarts
      long pss = process.map(ProcMemory::pssWithDescendants).orElse(0L);
      if (pss == 0 && process.isPresent() && process.get().isAlive()) {
        throw new IllegalStateException("cannot read /proc/" + pid + "/smaps_rollup of a container's process: run as root");
      }
      sum += pss;
    }
    return new long[] {sum, ids.size()};
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
