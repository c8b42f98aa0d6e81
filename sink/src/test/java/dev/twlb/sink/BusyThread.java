package dev.twlb.sink;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/** Keeps a single-thread executor busy, so that work handed to it waits: for tests of what a caller does meanwhile. */
public final class BusyThread {
  private BusyThread() {}

  /** Occupies {@code thread} until the returned latch is counted down. */
  public static CountDownLatch occupy(Executor thread) {
    CountDownLatch busy = new CountDownLatch(1);
    thread.execute(() -> {
      try {
        busy.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    return busy;
  }
}
