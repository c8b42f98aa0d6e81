package dev.twlb.nodes.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.twlb.schemas.FaultAssignment;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceFaultsTest {

  private static FaultAssignment fault(String type, Map<String, Double> params) {
    return FaultAssignment.newBuilder().setEpochId(0).setNodeId("node-1").setFaultType(type).setParams(params)
        .setEffectiveFromMs(java.time.Instant.EPOCH).setEffectiveUntilMs(java.time.Instant.ofEpochMilli(Long.MAX_VALUE))
        .setSeed(1).setRunId("run").build();
  }

  @Test
  void aWeakenedLeakGrowsAtItsShareOfTheRate() {
    try (ResourceFaults faults = new ResourceFaults(0.25)) {
      Optional<FaultAssignment> leak = Optional.of(fault("memory-leak", Map.of("leak_mb_per_s", 8.0)));
      faults.apply(leak, 0);
      faults.apply(leak, 2_000); // 2 s at 8 MiB/s x 0.25
      assertThat(faults.leakedBytes()).isEqualTo(4L * 1024 * 1024);
      faults.apply(leak, 2_050); // and in small steps: 50 ms more are 100 KiB, a 128 KiB step is not due yet
      assertThat(faults.leakedBytes()).isEqualTo(4L * 1024 * 1024);
      faults.apply(leak, 2_070); // 140 KiB due: one step
      assertThat(faults.leakedBytes()).isEqualTo(4L * 1024 * 1024 + 128 * 1024);
      faults.apply(Optional.empty(), 2_100);
      assertThat(faults.leakedBytes()).isZero();
    }
  }

  @Test
  void aWeakenedHogBurnsItsShareOfACoreAndStopsWithTheFault() {
    try (ResourceFaults faults = new ResourceFaults(0.1)) {
      long started = System.nanoTime();
      faults.apply(Optional.of(fault("cpu-hog", Map.of("busy_threads", 2.0))), 0);
      await().atMost(Duration.ofSeconds(30)).until(() -> faults.burnedCpuNanos() >= 40_000_000L);
      long wall = System.nanoTime() - started;
      // two burners at a tenth of a core each: at most 0.2 of the wall time, plus the cycle each may have begun
      assertThat(faults.burnedCpuNanos()).isLessThanOrEqualTo((long) (0.2 * wall) + 2 * 10_000_000L + 5_000_000L);
      faults.apply(Optional.empty(), 1);
      await().atMost(Duration.ofSeconds(30)).until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().startsWith("cpu-hog-")));
    }
  }

  @Test
  void strengthIsAShare() {
    assertThatThrownBy(() -> new ResourceFaults(0)).hasMessageContaining("(0, 1]");
    assertThatThrownBy(() -> new ResourceFaults(1.5)).hasMessageContaining("(0, 1]");
  }
}
