package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.schemas.LabeledWindow;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {
  @TempDir
  Path tmp;

  private static LabeledWindow.Builder intermittent(String node, long errors, Random random) {
    return SyntheticWindows.window(node, "benign", 0, random).setFaultType("intermittent-error").setHttpErrorCount(errors)
        .setRunId("run-r").setEpochId(1L);
  }

  @Test
  void aWindowOfAFaultThatHitsAtRandomWithNoHitIsScoredButNotTrainedOn() throws Exception {
    Random random = new Random(7);
    SyntheticWindows.writeParquet(tmp, List.of(intermittent("node-1", 0, random).build(),
        intermittent("node-2", 3, random).build(),
        SyntheticWindows.window("node-3", "benign", 0, random).setRunId("run-r").setEpochId(1L).build(),
        SyntheticWindows.window("node-4", "benign", 0, random).setFaultType("corrupt").setRunId("run-r").setEpochId(1L).build()));

    DatasetReader.Dataset data = DatasetReader.read(List.of(tmp), Long.MAX_VALUE);

    assertThat(data.rows()).extracting(r -> r.nodeId() + " " + r.clean() + " " + r.trained())
        .containsExactly("node-1 true false", "node-2 true true", "node-3 true true", "node-4 true false");
    assertThat(data.noHit()).isEqualTo(2);
    assertThat(Row.trained(data.rows())).extracting(Row::nodeId).containsExactly("node-2", "node-3");
  }
}
