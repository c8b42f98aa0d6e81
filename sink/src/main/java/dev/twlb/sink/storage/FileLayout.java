package dev.twlb.sink.storage;

import dev.twlb.sink.format.Format;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where files go, as Kafka Connect's storage sinks lay them out:
 * {@code <data-dir>/<format>/date=YYYY-MM-DD/hour=HH/<topic>+<partition>+<startOffset>+<endOffset>.<ext>},
 * offsets zero-padded, bucketed by the window's start time (UTC). A file in progress is a dot-file
 * ending in {@code .tmp} in the same directory (same file system, so the final rename is atomic), and
 * readers that skip dot-files never see it.
 */
public final class FileLayout {
  private static final DateTimeFormatter BUCKET = DateTimeFormatter.ofPattern("'date='yyyy-MM-dd/'hour='HH").withZone(ZoneOffset.UTC);
  private static final int PAD = 10;
  private static final Pattern BUCKET_NAME = Pattern.compile("date=(\\d{4}-\\d{2}-\\d{2})/hour=(\\d{2})");

  /** A finished file's name after its topic (group 1): {@code +<partition>+<start>+<end>.<ext>}, groups 2 to 4. */
  private static final String FINAL_SUFFIX = "\\+(\\d+)\\+(\\d+)\\+(\\d+)\\.[a-z]+";

  private final Path root;
  private final String topic;
  private final Pattern finalName;

  public FileLayout(Path root, String topic) {
    this.root = root;
    this.topic = topic;
    this.finalName = Pattern.compile("(" + Pattern.quote(topic) + ")" + FINAL_SUFFIX);
  }

  /** Every topic with finished files of {@code format} under {@code root}, and their partitions. */
  public static Map<String, SortedSet<Integer>> partitionsByTopic(Path root, Format format) {
    Map<String, SortedSet<Integer>> found = new TreeMap<>();
    Pattern anyTopic = Pattern.compile("([^.].*)" + FINAL_SUFFIX);
    for (Path file : new FileLayout(root, "").files(format)) {
      Matcher m = anyTopic.matcher(file.getFileName().toString());
      if (m.matches()) {
        found.computeIfAbsent(m.group(1), t -> new TreeSet<>()).add(Integer.parseInt(m.group(2)));
      }
    }
    return found;
  }

  public Path root() {
    return root;
  }

  /** The bucket directory of a window start, relative to a format's directory, e.g. {@code date=2026-11-24/hour=03}. */
  public static String bucket(Instant windowStart) {
    return BUCKET.format(windowStart);
  }

  public Path formatDir(Format format) {
    return root.resolve(format.extension());
  }

  public Path finalFile(Format format, String bucket, int partition, long start, long end) {
    return formatDir(format).resolve(bucket).resolve(String.format("%s+%d+%0" + PAD + "d+%0" + PAD + "d.%s",
        topic, partition, start, end, format.extension()));
  }

  public Path tempFile(Format format, String bucket, int partition, long start) {
    return formatDir(format).resolve(bucket).resolve(String.format(".%s+%d+%0" + PAD + "d+%s.%s.tmp",
        topic, partition, start, UUID.randomUUID(), format.extension()));
  }

  /** Where a partition's commit manifests live. */
  public Path commitsDir(int partition) {
    return root.resolve("_commits").resolve(topic + "+" + partition);
  }

  /** A finished file's coordinates, parsed from its name. */
  public record FileName(int partition, long start, long end) {}

  public Optional<FileName> parseFinal(Path file) {
    Matcher m = finalName.matcher(file.getFileName().toString());
    return m.matches()
        ? Optional.of(new FileName(Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4))))
        : Optional.empty();
  }

  public boolean isTempOf(Path file, int partition) {
    String name = file.getFileName().toString();
    return name.startsWith("." + topic + "+" + partition + "+") && name.endsWith(".tmp");
  }

  /** The buckets a format's directory holds files in, e.g. {@code date=2026-11-24/hour=03}, oldest first. */
  public List<String> buckets(Format format) {
    Path dir = formatDir(format);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      return walk.filter(p -> p.getNameCount() == dir.getNameCount() + 2 && Files.isDirectory(p))
          .map(p -> dir.relativize(p).toString()).filter(b -> BUCKET_NAME.matcher(b).matches()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** When a bucket's hour ends (UTC). */
  public static Instant bucketEnd(String bucket) {
    Matcher m = BUCKET_NAME.matcher(bucket);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a bucket: " + bucket);
    }
    return Instant.parse(m.group(1) + "T" + m.group(2) + ":00:00Z").plusSeconds(3_600);
  }

  /** A partition's finished files of one format in one bucket, in offset order. */
  public List<Path> finalFiles(Format format, String bucket, int partition) {
    Path dir = formatDir(format).resolve(bucket);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> parseFinal(p).filter(n -> n.partition() == partition).isPresent())
          .sorted(java.util.Comparator.comparingLong(p -> parseFinal(p).orElseThrow().start())).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  /** Every regular file under a format's directory. */
  public List<Path> files(Format format) {
    Path dir = formatDir(format);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
