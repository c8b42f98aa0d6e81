package dev.twlb.bench;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Waits for a catch-up: until a count reaches its target, printing progress every 10 s, failing when it stalls a minute. */
final class CountAwait {
  private CountAwait() {}

  /**
   * @param detail more to print with each progress line (may be empty)
   * @param onStall run before failing, to say what is missing
   * @return {@code System.nanoTime()} when the count first moved above zero
   */
  static long until(String what, LongSupplier count, long target, Supplier<String> detail, Runnable onStall) throws InterruptedException {
    long firstMoved = 0;
    long lastCount = -1;
    long lastProgress = System.nanoTime();
    long lastReport = lastProgress;
    for (long now = lastProgress, seen = count.getAsLong(); seen < target; now = System.nanoTime(), seen = count.getAsLong()) {
      if (seen != lastCount) {
        lastCount = seen;
        lastProgress = now;
        firstMoved = firstMoved == 0 && seen > 0 ? now : firstMoved;
      } else if (now - lastProgress > 60e9) {
        onStall.run();
        throw new IllegalStateException(what + " stopped at " + seen + " of " + target);
      }
      if (now - lastReport > 10e9) {
        lastReport = now;
        System.out.printf("  %s: %,d of %,d%s%n", what, seen, target, detail.get());
      }
      Thread.sleep(10);
    }
    return firstMoved;
  }
}
