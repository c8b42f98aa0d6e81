package dev.twlb.app;

import dev.twlb.nodes.scheduler.SchedulerConfig;

/** Defaults of the scheduler's settings, for the commands that take them ({@code scheduler}, {@code run}). */
final class SchedulerDefaults extends ConfigDefaults {
  SchedulerDefaults() {
    super(SchedulerConfig.CONFIG);
  }
}
