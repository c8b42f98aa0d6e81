package dev.twlb.app;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;

/** Keeps a long-running subcommand alive until SIGTERM or Ctrl-C, then closes what it started, newest first. */
final class Services {
  private Services() {}

  static void runUntilStopped(AutoCloseable... started) {
    List<AutoCloseable> toClose = new ArrayList<>(List.of(started));
    Collections.reverse(toClose);
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (AutoCloseable service : toClose) {
        try {
          service.close();
        } catch (Exception e) {
          LoggerFactory.getLogger(Services.class).warn("{} did not stop cleanly", service, e);
        }
      }
      closed.countDown();
    }, "twlb-shutdown"));
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
