package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twlb.schemas.FaultDetection;
import dev.twlb.schemas.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code twlb run ... --detect-after 2}: a detector trained on the first two epochs'
 * files while the run goes on, then scoring the rest live into fault-detections; none of its
 * training windows is scored.
 */
class RunDetectionIT {
  @TempDir
  Path data;

  @Test
  void aRunTrainsOnItsFirstEpochsAndDetectsOnTheRest() throws Exception {
    List<String> args = new ArrayList<>(ReadmeCommands.command("## Detecting faults", "run"));
    assertThat(args).contains("--detect-after");
    args.addAll(List.of("--seed", "5", "--data-dir", data.toString()));
    try (TwlbProcess run = TwlbProcess.startIn(Path.of("."), args)) {
      run.awaitLine("nodes healthy", Duration.ofMinutes(4));
      String live = run.awaitLine("detector live with model", Duration.ofMinutes(5));
      run.awaitLine("RUN COMPLETE", Duration.ofMinutes(3));
      assertThat(run.waitForExit(Duration.ofMinutes(1))).as(String.join("\n", run.output())).isZero();
      assertThat(run.output()).anyMatch(l -> l.startsWith("detector: live macro-F1"));
      assertThat(live).contains("model.tribuo@");
    }

    JsonNode report = new ObjectMapper().readTree(data.resolve("detector/report.json").toFile());
    assertThat(report.at("/data/epochs").asInt()).as("trained on the first two epochs only").isEqualTo(2);
    assertThat(Files.exists(data.resolve("detector/confusion.png"))).isTrue();
    Instant lastTrainingWindow = Instant.parse(report.at("/data/to").asText());

    // epochs 3 and 4: 15 nodes x 10 windows each, every one scored once (the run waits for all of them)
    List<FaultDetection> detections = RunTopics.read(data, Topics.FAULT_DETECTIONS, 301);
    assertThat(detections).hasSize(300);
    assertThat(detections).extracting(d -> d.getNodeId() + "@" + d.getWindowStart()).doesNotHaveDuplicates();
    assertThat(detections).allSatisfy(d -> {
      assertThat(d.getWindowStart()).as("never a training window").isAfter(lastTrainingWindow);
      assertThat(d.getTrueFault()).isNotNull();
      assertThat(d.getModelId()).startsWith("model.tribuo@");
    });
  }
}
