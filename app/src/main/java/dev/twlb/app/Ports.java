package dev.twlb.app;

import dev.twlb.broker.FreePort;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks, before anything starts, that a port a subcommand is told to bind is free. */
final class Ports {
  private Ports() {}

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
