package dev.twlb.nodes.server;

/** The node's unit of CPU-bound work, calibrated at start to cost about {@code targetMs} of CPU. */
final class Work {
  private final long iterations;

  private Work(long iterations) {
    this.iterations = iterations;
  }

  static Work calibrated(double targetMs) {
    if (targetMs <= 0) {
      return new Work(0);
    }
    spin(2_000_000); // let the JIT compile the loop before timing it
    long probe = 1_000_000;
    long started = System.nanoTime();
    spin(probe);
    double perMs = probe / Math.max(1e-3, (System.nanoTime() - started) / 1e6);
    return new Work(Math.max(1, Math.round(perMs * targetMs)));
  }

  /** Does the work and returns its result, as hex. */
  String run() {
    return Long.toHexString(spin(iterations));
  }

  private static long spin(long n) {
    long x = 0x9E3779B97F4A7C15L;
    for (long i = 0; i < n; i++) {
      x = x * 6364136223846793005L + 1442695040888963407L;
      x ^= x >>> 29;
    }
    return x;
  }
}
