package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeSupervisorTest {
  @TempDir
  Path dir;

  @Test
  void aNodeThatEndsOnBadInputIsLoggedWithTheLineItsLogEndsWith() throws Exception {
    Path log = dir.resolve("node-4.log");
    Files.writeString(log, "x".repeat(2_000) + "\n12:00:00.000 INFO  node-4 serving\n"
        + "twlb node: --port 14493: port 14493 on localhost is already in use (see 'twlb node --help')\n\n");
    assertThat(NodeSupervisor.whyEnded(log, 2))
        .isEqualTo(" (twlb node: --port 14493: port 14493 on localhost is already in use (see 'twlb node --help'))");
    assertThat(NodeSupervisor.whyEnded(log, 137)).isEqualTo(" (crash fault)");
    assertThat(NodeSupervisor.whyEnded(log, 1)).isEmpty();
    assertThat(NodeSupervisor.whyEnded(dir.resolve("none.log"), 2)).as("no log").isEmpty();
  }
}
