package dev.twlb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The {@code twlb} command lines of a README section's first bash block, as the tests run them. */
final class ReadmeCommands {
  private static final Path README = Path.of("..", "README.md");
  private static final String PREFIX = "java -jar app/target/twlb.jar ";

  private ReadmeCommands() {}

  /** The arguments of every {@code java -jar app/target/twlb.jar ...} line in the first bash block under {@code heading}. */
  static List<List<String>> of(String heading) {
    try {
      List<String> lines = Files.readAllLines(README);
      int at = lines.indexOf(heading);
      if (at < 0) {
        throw new AssertionError("README has no section '" + heading + "'");
      }
      int open = at + 1;
      while (!lines.get(open).equals("```bash")) {
        open++;
      }
      List<List<String>> commands = new ArrayList<>();
      for (int i = open + 1; !lines.get(i).equals("```"); i++) {
        String line = lines.get(i).replaceAll("\\s+#.*$", "").strip();
        if (line.startsWith(PREFIX)) {
          commands.add(Arrays.asList(line.substring(PREFIX.length()).split("\\s+")));
        }
      }
      return commands;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one command of the section whose subcommand is {@code subcommand}. */
  static List<String> command(String heading, String subcommand) {
    return of(heading).stream().filter(c -> c.get(0).equals(subcommand)).findFirst()
        .orElseThrow(() -> new AssertionError("README section '" + heading + "' has no 'twlb " + subcommand + "' line"));
  }
}
