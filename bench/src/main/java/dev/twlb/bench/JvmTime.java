package dev.twlb.bench;

import java.lang.management.ManagementFactory;

/** What the whole JVM (broker, labeler, collector and compiler threads) spent in a run, in seconds. */
record JvmTime(double cpu, double gc, double jit) {
  static JvmTime now() {
    double gc = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum() / 1e3;
    return new JvmTime(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9,
        gc, ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3);
  }

  JvmTime since(JvmTime start) {
    return new JvmTime(cpu - start.cpu, gc - start.gc, jit - start.jit);
  }

  @Override
  public String toString() {
    return String.format("process CPU %.1f s, GC pauses %.2f s, JIT compiling %.1f s", cpu, gc, jit);
  }
}
