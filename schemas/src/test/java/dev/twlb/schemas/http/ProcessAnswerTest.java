package dev.twlb.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProcessAnswerTest {

  private static byte[] bytes(ProcessAnswer answer) {
    return answer.toJson().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aCorrectAnswerVerifies() {
    assertThat(ProcessAnswer.verify(bytes(ProcessAnswer.of("node-1", "r-7", "abc123")), "r-7")).isTrue();
  }

  @Test
  void aChangedResultWithTheOldChecksumFails() {
    ProcessAnswer good = ProcessAnswer.of("node-1", "r-7", "abc123");
    ProcessAnswer corrupt = new ProcessAnswer("node-1", "r-7", "abc124", good.checksum());
    assertThat(ProcessAnswer.verify(bytes(corrupt), "r-7")).isFalse();
  }

  @Test
  void anAnswerToAnotherRequestFails() {
    assertThat(ProcessAnswer.verify(bytes(ProcessAnswer.of("node-1", "r-8", "abc")), "r-7")).isFalse();
  }

  @Test
  void garbageFails() {
    assertThat(ProcessAnswer.verify("<html>oops</html>".getBytes(StandardCharsets.UTF_8), "r-7")).isFalse();
    assertThat(ProcessAnswer.verify(new byte[0], "r-7")).isFalse();
    assertThat(ProcessAnswer.verify("{}".getBytes(StandardCharsets.UTF_8), "r-7")).isFalse();
  }
}
