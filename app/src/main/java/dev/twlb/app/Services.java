package dev.twlb.app;

import dev.twlb.servicekit.Service;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running subcommand alive until SIGTERM or Ctrl-C (exit 0), or until a service's work dies under it
 * (the reason on stderr, exit 1); either way it closes what it started, newest first.
 */
final class Services {
  private Services() {}

  /** Returns the command's exit code: 0 when stopped from outside, 1 when a service failed. */
  static int runUntilStopped(String command, AutoCloseable... started) {
    List<AutoCloseable> toClose = new ArrayList<>(List.of(started));
    Collections.reverse(toClose);
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    for (AutoCloseable service : started) {
      if (service instanceof Service watched) {
        watched.failure().thenAcceptAsync(failed::complete);
      }
    }
    CompletableFuture<Void> closedByHook = new CompletableFuture<>();
    Thread hook = new Thread(() -> {
      closeAll(toClose);
      closedByHook.complete(null);
    }, "twlb-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    Throwable cause = CompletableFuture.anyOf(failed, closedByHook).thenApply(x -> failed.getNow(null)).join();
    if (cause == null) {
      return 0;
    }
    System.err.println("twlb " + command + " stopped: " + Service.describe(cause));
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      return 1;
    }
    closeAll(toClose);
    return 1;
  }

  private static void closeAll(List<AutoCloseable> services) {
    for (AutoCloseable service : services) {
      try {
        service.close();
      } catch (Exception e) {
        LoggerFactory.getLogger(Services.class).warn("{} did not stop cleanly", service, e);
      }
    }
  }
}
