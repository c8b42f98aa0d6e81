package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tiny runs of the benchmarks, so they do not rot; nothing here asserts on speed. */
class BenchSmokeIT {
  @TempDir
  Path results;

  @Test
  void theSinkAndLabelerBenchmarksRunAndWriteTheirResults() {
    CommandLine bench = new CommandLine(new Bench());
    assertThat(bench.execute("sink", "--rows", "2000", "--results", results.toString())).isZero();
    assertThat(results.resolve("sink.json")).content().contains("\"rows/s\"");
    assertThat(bench.execute("labeler", "--events", "4000", "--nodes", "4", "--repeat", "2", "--results", results.toString())).isZero();
    assertThat(results.resolve("labeler.json")).content().contains("input records/s", "median of 2")
        .containsPattern("each run in order\" : \"[0-9]+ records/s, stream threads [0-9.]+ us CPU a record; [0-9]+ records/s, "
            + "stream threads [0-9.]+ us CPU a record\"")
        .contains("\"build\"");
  }

  @Test
  void aRepeatBelowOneIsAUsageError() {
    assertThat(new CommandLine(new Bench()).execute("labeler", "--repeat", "0")).isEqualTo(CommandLine.ExitCode.USAGE);
  }
}
