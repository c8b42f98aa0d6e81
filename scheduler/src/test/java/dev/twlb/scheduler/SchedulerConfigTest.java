package dev.twlb.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.twlb.scheduler.FaultMix;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

  @Test
  void defaults() {
    SchedulerConfig config = new SchedulerConfig(Map.of(SchedulerConfig.SEED, 5L));
    assertThat(config.runId()).isEqualTo("run-5");
    assertThat(config.epochs()).isZero();
    assertThat(config.epochDuration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.nodes()).isEqualTo(15);
    assertThat(config.faulty()).isEqualTo(3);
    assertThat(config.faults()).isEqualTo(FaultMix.uniform());
    assertThat(config.lead()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.topic()).isEqualTo("fault-assignments");
  }

  @Test
  void badValuesAreRejected() {
    assertThatThrownBy(() -> new SchedulerConfig(Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("seed");
    assertThatThrownBy(() -> new SchedulerConfig(Map.of(SchedulerConfig.SEED, 1L, SchedulerConfig.FAULTS, "gremlins")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("unknown fault 'gremlins'");
    assertThatThrownBy(() -> new SchedulerConfig(Map.of(SchedulerConfig.SEED, 1L, SchedulerConfig.FAULTY, 16)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("cannot exceed");
    assertThatThrownBy(() -> new SchedulerConfig(Map.of(SchedulerConfig.SEED, 1L, SchedulerConfig.LEAD_MS, 1000L)))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new SchedulerConfig(Map.of(SchedulerConfig.SEED, 1L, SchedulerConfig.EPOCH_DURATION_MS, 10L)))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> new SchedulerConfig(Map.of(SchedulerConfig.SEED, 1L, SchedulerConfig.INTENSITIES, List.of("x"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("FAULT.PARAM");
  }
}
