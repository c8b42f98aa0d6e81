package dev.twlb.app;

import dev.twlb.servicekit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
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
