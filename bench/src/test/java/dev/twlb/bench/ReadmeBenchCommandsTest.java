package dev.twlb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmark commands of bench/README.md take too long to run in a test; each one's options are parsed as the jar would. */
class ReadmeBenchCommandsTest {
  private static final String JAR = "java -jar bench/target/twlb-bench.jar ";

  @Test
  void everyBenchmarkCommandInTheReadmeParses() throws Exception {
    List<String> commands = Files.readAllLines(Path.of("..", "bench", "README.md")).stream().filter(line -> line.startsWith(JAR))
        .map(line -> line.substring(JAR.length()).replaceFirst("\\s+#.*$", "").trim()).toList();
    assertThat(commands).hasSizeGreaterThanOrEqualTo(9);
    for (String command : commands) {
      assertThatCode(() -> new CommandLine(new Bench()).parseArgs(command.split("\\s+"))).as(command).doesNotThrowAnyException();
    }
  }
}
