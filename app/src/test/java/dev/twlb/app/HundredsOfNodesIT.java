package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.servicekit.FreePort;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run of hundreds of nodes in one host, made small enough for a test (40 nodes, one 20 s epoch, 10 s of
 * warm-up) and with a cap below what the per-node rate asks for: the run says it holds the traffic there, and every
 * node has a row in every window of the epoch, and none in the warm-up's.
 */
class HundredsOfNodesIT {
  @TempDir
  Path data;

  private static void set(List<String> args, String option, String value) {
    int at = args.indexOf(option);
    assertThat(at).as("the README's command has " + option).isNotNegative();
    args.set(at + 1, value);
  }

  @Test
  void theReadmesSharedHostRunHoldsItsTrafficAtTheCapAndWritesEveryNodesWindows() throws Exception {
    List<String> args = new ArrayList<>(ReadmeCommands.command("## Hundreds of nodes", "run"));
    assertThat(args).contains("--node-hosting", "shared");
    set(args, "--nodes", "40");
    set(args, "--faulty", "14");
    set(args, "--epochs", "1");
    set(args, "--epoch-duration", "20s");
    set(args, "--start-delay", "10s");
    args.addAll(List.of("--max-rate", "60", "--seed", "41", "--data-dir", data.toString()));
    // ports of its own, in one free block (RunIT runs twlb run on the default ones beside it): broker, registry,
    // balancer, four services' /metrics, 40 nodes
    int base = FreePort.pickRange("localhost", 3 + 4 + 40);
    args.addAll(List.of("--broker-port", Integer.toString(base), "--registry-port", Integer.toString(base + 1),
        "--lb-port", Integer.toString(base + 2), "--service-port-base", Integer.toString(base + 3),
        "--node-base-port", Integer.toString(base + 7)));
    try (TwlbProcess run = TwlbProcess.readme(Path.of("."), args)) {
      // 40 nodes x 3.4 requests/s would be 136/s
      run.awaitLine("traffic held at 60.0 requests/s, 1.50 per node: 40 nodes x 3.4 would be 136/s", Duration.ofMinutes(3));
      String summary = run.awaitLine("RUN COMPLETE", Duration.ofMinutes(4));
      assertThat(run.waitForExit(Duration.ofMinutes(1))).as(String.join("\n", run.output())).isZero();
      String runId = summary.replaceAll(".*RUN COMPLETE: ([^,]+),.*", "$1");
      assertThat(run.output()).as("40 nodes x 4 windows of 5 s, none of the warm-up's").contains("| (all of " + runId + ") | 160 |")
          .anyMatch(l -> l.matches("\\[[0-9:]+] warming up .*"))
          .anyMatch(l -> l.matches("\\[[0-9:]+] epoch 1/1 \\(14 faulty: .*")) // counted, not named one by one
          .noneMatch(l -> l.contains("answers fall behind"));
    }
  }
}
