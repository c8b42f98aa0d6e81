package dev.twlb.app.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM settings of TW-LB's processes by role, from {@code bin/jvm.options} (built into the jar): the one place that
 * {@code bin/twlb}, the Docker image and {@code twlb run}'s node processes take them from ({@code twlb-bench} reads the
 * {@code run} line from the jar it measures).
 */
final class JvmOptions {
  private JvmOptions() {}

  /** The options of {@code role} ({@code run}, {@code node}, {@code broker}, {@code tool}, {@code service}). */
  static List<String> of(String role) {
    try (InputStream in = JvmOptions.class.getResourceAsStream("jvm.options")) {
      if (in == null) {
        throw new IllegalStateException("jvm.options is not in the jar (app/pom.xml copies it from bin/ to dev/twlb/app/run/)");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return lines.lines().filter(line -> line.startsWith(role + "=")).findFirst()
          .map(line -> Arrays.asList(line.substring(role.length() + 1).trim().split("\\s+")))
          .orElseThrow(() -> new IllegalStateException("no line '" + role + "=' in jvm.options"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read jvm.options", e);
    }
  }
}
