package dev.twlb.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The commit this benchmark jar was built from, as the build recorded it (git.properties, written by Maven). */
final class Build {
  private Build() {}

  /** "0b763a9", "0b763a9 with uncommitted changes", or why it is not known. */
  static String describe() {
    Properties git = new Properties();
    try (InputStream in = Build.class.getResourceAsStream("git.properties")) {
      if (in == null) {
        return "unknown (no git.properties in the jar)";
      }
      git.load(in);
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    String commit = git.getProperty("git.commit.id.abbrev");
    if (commit == null || commit.isBlank()) {
      return "unknown (built outside a git checkout)";
    }
    return Boolean.parseBoolean(git.getProperty("git.dirty")) ? commit + " with uncommitted changes" : commit;
  }
}
