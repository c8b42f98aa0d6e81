package dev.twlb.sink.format;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a sink's text formats are written (see {@link OffThreadWriter}) and its files finished, and how many rows may
 * wait for it: a sink reading many partitions faster than this thread writes their CSV (a disk with slow fsyncs, say)
 * must slow down rather than hold ever more rows in memory.
 */
public final class FormattingThread implements Executor, AutoCloseable {
  /** Batches of {@link OffThreadWriter#BATCH} rows that may wait, across every file of the sink: 16,384 rows. */
  static final int BATCHES_IN_HAND = 64;

  private final Executor executor;
  private final Semaphore inHand;
  private final AtomicLong waits = new AtomicLong();

  private FormattingThread(Executor executor, int batchesInHand) {
    this.executor = executor;
    this.inHand = new Semaphore(batchesInHand);
  }

  /** A daemon thread of this name, with {@link #BATCHES_IN_HAND} batches. */
  public static FormattingThread named(String name) {
    return bounded(name, BATCHES_IN_HAND);
  }

  static FormattingThread bounded(String name, int batchesInHand) {
    return new FormattingThread(Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, name);
      thread.setDaemon(true);
      return thread;
    }), batchesInHand);
  }

  /** The caller's own thread: work runs as it is handed over, so nothing waits. */
  public static FormattingThread callers() {
    return new FormattingThread(Runnable::run, Integer.MAX_VALUE);
  }

  @Override
  public void execute(Runnable task) {
    executor.execute(task);
  }

  /** Takes a place for a batch handed over; waits (and counts the wait) while every place is taken. */
  void take() throws InterruptedException {
    if (!inHand.tryAcquire()) {
      waits.incrementAndGet();
      inHand.acquire();
    }
  }

  /** Gives a batch's place back once it is written (or never will be). */
  void giveBack() {
    inHand.release();
  }

  int freePlaces() {
    return inHand.availablePermits();
  }

  /** How often a write waited because the limit of rows were already waiting for this thread. */
  public long waits() {
    return waits.get();
  }

  /** Runs what was handed over, then ends the thread. */
  @Override
  public void close() {
    if (executor instanceof ExecutorService service) {
      service.shutdown();
    }
  }
}
