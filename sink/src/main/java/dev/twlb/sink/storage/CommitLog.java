package dev.twlb.sink.storage;

import dev.twlb.sink.format.Durable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes a set of finished temporary files visible all at once, crash or no crash (a write-ahead
 * log, as Kafka Connect's HDFS sink keeps): first a manifest of the renames is made durable and
 * visible with one atomic rename (the commit point), then the files are renamed, then the manifest
 * is deleted. A manifest found after a crash is replayed, so a commit is never half done.
 */
public final class CommitLog {
  /** A manifest line that deletes its file instead of renaming one (no file name is a lone dash). */
  private static final String DELETE = "-";

  private final Path dir;
  private final Path root;

  /**
   * @param dir where this log's manifests live
   * @param root the data directory; manifests name files relative to it, so the directory can move
   */
  public CommitLog(Path dir, Path root) {
    this.dir = dir;
    this.root = root;
  }

  /** One file to make visible: its temporary name and its final name. */
  public record Rename(Path from, Path to) {}

  public void commit(long endOffset, List<Rename> renames) throws IOException {
    commit(String.format("%020d", endOffset), renames, List.of());
  }

  /**
   * Makes {@code renames} visible and then deletes {@code deletions}, all or nothing across a crash (a reader
   * listing the files in the milliseconds between may see both; none ever sees neither).
   */
  public void commit(String name, List<Rename> renames, List<Path> deletions) throws IOException {
    Files.createDirectories(dir);
    Path manifest = dir.resolve(name + ".commit");
    Path temp = dir.resolve(manifest.getFileName() + ".tmp");
    StringBuilder text = new StringBuilder();
    for (Rename r : renames) {
      text.append(root.relativize(r.from())).append('\t').append(root.relativize(r.to())).append('\n');
    }
    for (Path gone : deletions) {
      text.append(DELETE).append('\t').append(root.relativize(gone)).append('\n');
    }
    Files.writeString(temp, text, StandardCharsets.UTF_8);
    Durable.sync(temp);
    Files.move(temp, manifest, StandardCopyOption.ATOMIC_MOVE);
    apply(manifest);
  }

  /** Finishes every commit a crash interrupted; returns how many there were. */
  public int recover() throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> manifests = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.sorted().toList()) {
        if (file.toString().endsWith(".commit")) {
          manifests.add(file);
        } else {
          Files.deleteIfExists(file); // a manifest that never became visible: its commit did not happen
        }
      }
    }
    for (Path manifest : manifests) {
      apply(manifest);
    }
    return manifests.size();
  }

  private void apply(Path manifest) throws IOException {
    for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\t");
      if (parts[0].equals(DELETE)) {
        Files.deleteIfExists(root.resolve(parts[1]));
        continue;
      }
      Path from = root.resolve(parts[0]);
      Path to = root.resolve(parts[1]);
      if (Files.exists(from)) {
        Files.createDirectories(to.getParent());
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
      } else if (!Files.exists(to)) {
        throw new IOException("commit " + manifest + " names " + from + ", which is neither there nor at " + to);
      }
    }
    Files.delete(manifest);
  }
}
