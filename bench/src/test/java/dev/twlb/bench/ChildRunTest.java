package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildRunTest {
  @Test
  void aBenchmarksTwlbRunHasTheJvmOptionsOfTheReadmesRunCommand() throws Exception {
    String runLine = Files.readAllLines(Path.of("..", "README.md")).stream()
        .filter(line -> line.contains("-jar app/target/twlb.jar run")).findFirst().orElseThrow();
    List<String> words = Arrays.asList(runLine.split("\\s+"));
    List<String> readmeOptions = words.subList(words.indexOf("java") + 1, words.indexOf("-jar"));

    List<String> command = ChildRun.command(Path.of("twlb.jar"), ChildRun.README_HEAP, List.of(), List.of());
    List<String> benchOptions = command.subList(1, command.indexOf("-jar"));

    assertThat(benchOptions).containsExactlyInAnyOrderElementsOf(readmeOptions);
  }
}
