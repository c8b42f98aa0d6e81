package dev.twlb.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The README's code as the tests run it: the {@code twlb} command lines of a section, and its code blocks. */
final class ReadmeCommands {
  private static final Path README = Path.of("..", "README.md");
  private static final String PREFIX = "bin/twlb ";

  private ReadmeCommands() {}

  /** The arguments of every {@code bin/twlb ...} line in the first bash block under {@code heading}. */
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

  /** The text of every fenced code block of {@code language} in the README, in order. */
  static List<String> codeBlocks(String language) {
    try {
      List<String> lines = Files.readAllLines(README);
      List<String> blocks = new ArrayList<>();
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).equals("```" + language)) {
          StringBuilder block = new StringBuilder();
          for (i++; !lines.get(i).equals("```"); i++) {
            block.append(lines.get(i)).append('\n');
          }
          blocks.add(block.toString());
        }
      }
      return blocks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one block of {@code language} that contains {@code marker}. */
  static String codeBlock(String language, String marker) {
    List<String> found = codeBlocks(language).stream().filter(b -> b.contains(marker)).toList();
    if (found.size() != 1) {
      throw new AssertionError("README has " + found.size() + " " + language + " blocks with '" + marker + "', not one");
    }
    return found.get(0);
  }

  /** The one command of the section whose subcommand is {@code subcommand}. */
  static List<String> command(String heading, String subcommand) {
    return of(heading).stream().filter(c -> c.get(0).equals(subcommand)).findFirst()
        .orElseThrow(() -> new AssertionError("README section '" + heading + "' has no 'twlb " + subcommand + "' line"));
  }
}
