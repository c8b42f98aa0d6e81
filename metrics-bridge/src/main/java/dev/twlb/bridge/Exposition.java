package dev.twlb.bridge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed Prometheus text exposition (format 0.0.4): every sample line with its metric name,
 * labels and value. Comments ({@code # HELP}, {@code # TYPE}, others) and blank lines are skipped;
 * label values are unescaped; {@code NaN}, {@code +Inf} and {@code -Inf} are values like others.
 * No library for parsing this format is served here, so this parser is the project's own.
 */
public final class Exposition {
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** One sample: {@code name{labels} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** Thrown for text that is not the exposition format, naming the line. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(int line, String why) {
      super("line " + line + ": " + why);
    }
  }

  private final List<Sample> samples;

  private Exposition(List<Sample> samples) {
    this.samples = samples;
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The value of the first sample named {@code name} whose labels include {@code labels}, if any. */
  public Double first(String name, Map<String, String> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .map(Sample::value).findFirst().orElse(null);
  }

  /** The sum over all samples named {@code name} whose labels include {@code labels}; null when there are none. */
  public Double sum(String name, Map<String, String> labels) {
    List<Double> values = samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .map(Sample::value).toList();
    return values.isEmpty() ? null : values.stream().mapToDouble(Double::doubleValue).sum();
  }

  public static Exposition parse(String text) throws MalformedException {
    return parse(text, null);
  }

  /**
   * The samples named in {@code names} (all when null): a line of another metric is not parsed at all. A node's
   * exposition has about 120 lines, and a bridge scraping 500 nodes every 2 s would otherwise parse 30,000 a second.
   */
  public static Exposition parse(String text, Set<String> names) throws MalformedException {
    List<Sample> samples = new ArrayList<>();
    int number = 0;
    for (int start = 0; start <= text.length(); ) {
      int end = text.indexOf('\n', start);
      end = end < 0 ? text.length() : end;
      number++;
      if (names == null || startsWithOneOf(text, start, end, names)) {
        String line = text.substring(start, end).strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          samples.add(new LineParser(line, number).sample());
        }
      }
      start = end + 1;
    }
    return new Exposition(Collections.unmodifiableList(samples));
  }

  /** Whether the line [start, end) of {@code text}, after any blanks, begins with one of {@code names} as a whole name. */
  private static boolean startsWithOneOf(String text, int start, int end, Set<String> names) {
    while (start < end && Character.isWhitespace(text.charAt(start))) {
      start++;
    }
    for (String name : names) {
      int after = start + name.length();
      if (after <= end && text.startsWith(name, start) && (after == end || "{ \t".indexOf(text.charAt(after)) >= 0)) {
        return true;
      }
    }
    return false;
  }

  /** Parses one sample line: a name, optional {labels}, a value, an optional timestamp. */
  private static final class LineParser {
    private final String line;
    private final int number;
    private int pos;

    LineParser(String line, int number) {
      this.line = line;
      this.number = number;
    }

    Sample sample() throws MalformedException {
      String name = name();
      Map<String, String> labels = pos < line.length() && line.charAt(pos) == '{' ? labels() : Map.of();
      String[] rest = SPACES.split(line.substring(pos).strip());
      if (rest.length < 1 || rest[0].isEmpty() || rest.length > 2) {
        throw new MalformedException(number, "expected a value (and an optional timestamp) after '" + name + "'");
      }
      return new Sample(name, labels, value(rest[0]));
    }

    private String name() throws MalformedException {
      int start = pos;
      while (pos < line.length() && (Character.isLetterOrDigit(line.charAt(pos)) || line.charAt(pos) == '_'
          || line.charAt(pos) == ':')) {
        pos++;
      }
      if (pos == start || Character.isDigit(line.charAt(start))) {
        throw new MalformedException(number, "a sample line starts with a metric name: '" + line + "'");
      }
      return line.substring(start, pos);
    }

    private Map<String, String> labels() throws MalformedException {
      Map<String, String> labels = new LinkedHashMap<>();
      pos++; // {
      while (true) {
        skipSpaces();
        if (pos >= line.length()) {
          throw new MalformedException(number, "unclosed '{'");
        }
        if (line.charAt(pos) == '}') {
          pos++;
          return labels;
        }
        int eq = line.indexOf('=', pos);
        if (eq < 0) {
          throw new MalformedException(number, "label without '='");
        }
        String label = line.substring(pos, eq).strip();
        pos = eq + 1;
        labels.put(label, quoted());
        skipSpaces();
        if (pos < line.length() && line.charAt(pos) == ',') {
          pos++;
        }
      }
    }

    private String quoted() throws MalformedException {
      if (pos >= line.length() || line.charAt(pos) != '"') {
        throw new MalformedException(number, "label value must be quoted");
      }
      StringBuilder value = new StringBuilder();
      for (pos++; pos < line.length(); pos++) {
        char c = line.charAt(pos);
        if (c == '"') {
          pos++;
          return value.toString();
        }
        if (c == '\\' && pos + 1 < line.length()) {
          char next = line.charAt(++pos);
          value.append(next == 'n' ? '\n' : next);
        } else {
          value.append(c);
        }
      }
      throw new MalformedException(number, "unterminated label value");
    }

    private double value(String text) throws MalformedException {
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "+Inf":
        case "Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          try {
            return Double.parseDouble(text);
          } catch (NumberFormatException e) {
            throw new MalformedException(number, "'" + text + "' is not a number");
          }
      }
    }

    private void skipSpaces() {
      while (pos < line.length() && line.charAt(pos) == ' ') {
        pos++;
      }
    }
  }
}
