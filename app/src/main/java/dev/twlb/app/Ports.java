package dev.twlb.app;

import dev.twlb.servicekit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks, before anything starts, that the ports and directories a subcommand is told to use are usable. */
final class Ports {
  private Ports() {}

  /** Fails with exit code 2 when {@code dir} cannot be created or written. */
  static void requireWritable(CommandSpec spec, String option, Path dir) {
    try {
      Files.createDirectories(dir);
      Files.delete(Files.createTempFile(dir, ".probe", ".tmp"));
    } catch (Exception e) {
      throw new ParameterException(spec.commandLine(), option + " " + dir + " is not writable: " + e);
    }
  }

  /**
   * Fails with exit code 2 when two of {@code ports} (by option) are one port, which both would pass as free until the
   * second bind, or when one is taken.
   */
  static void requireDistinctAndFree(CommandSpec spec, String host, Map<String, Integer> ports) {
    Map<Integer, String> owners = new HashMap<>();
    ports.forEach((option, port) -> {
      String other = owners.putIfAbsent(port, option);
      if (other != null && port != 0) {
        throw new ParameterException(spec.commandLine(), option + " " + port + " is also the port of " + other + ": give them ports apart");
      }
    });
    ports.forEach((option, port) -> requireFree(spec, option, host, port));
  }

  static void requireFree(CommandSpec spec, String option, String host, int port) {
    if (port == 0) {
      return;
    }
    try {
      FreePort.requireFree(host, port);
    } catch (IllegalStateException e) {
      throw new ParameterException(spec.commandLine(), option + " " + port + ": " + e.getMessage());
    }
  }
}
