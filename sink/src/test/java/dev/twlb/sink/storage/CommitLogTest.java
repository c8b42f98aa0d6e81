package dev.twlb.sink.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitLogTest {
  @TempDir
  Path root;

  @Test
  void aCommitRenamesEveryFileAndLeavesNoManifest() throws Exception {
    Path a = Files.writeString(root.resolve(".a.tmp"), "a");
    Path b = Files.writeString(root.resolve(".b.tmp"), "b");
    CommitLog log = new CommitLog(root.resolve("_commits/p0"), root);

    log.commit(9, List.of(new CommitLog.Rename(a, root.resolve("x/a")), new CommitLog.Rename(b, root.resolve("y/b"))));

    assertThat(root.resolve("x/a")).hasContent("a");
    assertThat(root.resolve("y/b")).hasContent("b");
    assertThat(a).doesNotExist();
    assertThat(root.resolve("_commits/p0")).isEmptyDirectory();
  }

  @Test
  void aCommitInterruptedAfterItsManifestIsFinishedOnRecovery() throws Exception {
    Path commits = Files.createDirectories(root.resolve("_commits/p0"));
    Files.writeString(root.resolve(".b.tmp"), "b");
    Files.createDirectories(root.resolve("x"));
    Files.writeString(root.resolve("x/a"), "a"); // renamed before the crash
    Files.writeString(commits.resolve("00000000000000000009.commit"), ".a.tmp\tx/a\n.b.tmp\ty/b\n");
    Files.writeString(commits.resolve("00000000000000000012.commit.tmp"), "half-written manifest");

    assertThat(new CommitLog(commits, root).recover()).isEqualTo(1);

    assertThat(root.resolve("y/b")).hasContent("b");
    assertThat(root.resolve("x/a")).hasContent("a");
    assertThat(commits).isEmptyDirectory();
  }
}
