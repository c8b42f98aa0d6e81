package dev.twlb.detector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RowTest {
  private static Row row(String node, long start, boolean clean) {
    return new Row("run-1", 1, node, start, "benign", new double[] {start}, new double[] {start}, clean, true);
  }

  @Test
  void spacedKeepsOneCleanWindowPerNodeEverySpacingAndEveryCutOne() {
    List<Row> rows = List.of(row("node-2", 0, true), row("node-1", 1_000, true), row("node-1", 0, true),
        row("node-1", 500, true), row("node-1", 1_500, false), row("node-1", 2_000, true), row("node-2", 500, true));

    assertThat(Row.spaced(rows, 1_000)).extracting(r -> r.nodeId() + "@" + r.windowStart())
        .containsExactly("node-1@0", "node-1@1000", "node-1@1500", "node-1@2000", "node-2@0");
    assertThat(Row.spaced(rows, 0)).isSameAs(rows);
  }
}
