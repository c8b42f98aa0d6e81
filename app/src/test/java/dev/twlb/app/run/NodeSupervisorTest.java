package dev.twlb.app.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  @Test
  void aNodeThatKeepsEndingAsItStartsIsStartedAgainAfterAGrowingWaitNotInALoop() throws Exception {
    assertThat(NodeSupervisor.backoff(1)).as("the first quick end: at once").isZero();
    assertThat(NodeSupervisor.backoff(2)).isEqualTo(Duration.ofMillis(100));
    assertThat(NodeSupervisor.backoff(4)).isEqualTo(Duration.ofMillis(400));
    assertThat(NodeSupervisor.backoff(100)).isEqualTo(NodeSupervisor.MAX_BACKOFF);

    long started = System.nanoTime();
    try (NodeSupervisor supervisor = new NodeSupervisor(List.of("sh", "-c", "echo 'twlb node: bad input'; exit 2"),
        Map.of("node-1", List.of()), dir)) {
      supervisor.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> supervisor.restarts("node-1") >= 7);
    }
    // without the waits, seven ends take about as many checks of 100 ms
    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waits of 0, 100, 200, 400, 800 and 1,600 ms before the 7th end")
        .isGreaterThanOrEqualTo(Duration.ofMillis(3_100));
  }
}
