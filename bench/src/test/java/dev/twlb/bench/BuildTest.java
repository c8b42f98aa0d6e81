package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildTest {
  @Test
  void aResultNamesTheCommitItsJarWasBuiltFrom() throws Exception {
    String described = Build.describe();
    if (!Files.exists(Path.of("..", ".git"))) {
      assertThat(described).isEqualTo("unknown (built outside a git checkout)");
      return;
    }
    Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(Path.of("..").toFile()).start();
    String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(git.waitFor()).isZero();
    assertThat(described).matches("[0-9a-f]{7,}( with uncommitted changes)?");
    assertThat(head).startsWith(described.split(" ")[0]);
  }
}
