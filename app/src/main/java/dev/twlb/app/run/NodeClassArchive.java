package dev.twlb.app.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data-sharing archive of the node command: the classes a node loads (about 8,000: Vert.x, the Kafka
 * clients, Avro, Micrometer), parsed once and mapped read-only into every node process, so fifteen nodes share one
 * copy of their class metadata instead of holding fifteen, and start in less CPU time.
 *
 * <p>Created on first use: while no archive exists for this jar and JVM, one node process records the classes it
 * loads and writes them when it ends (at the end of the run, or when it restarts); every node started after that maps
 * the archive. The archive is mapped at the address it was written for ({@code ArchiveRelocationMode=0}): relocated,
 * as this JDK does by default, each process would patch, and so privately copy, every page of it.
 */
final class NodeClassArchive {
  private static final Logger log = LoggerFactory.getLogger(NodeClassArchive.class);
  /** A mismatched or missing archive is not worth a line in every node's log: the node runs without it. */
  private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

  private final Path archive;
  private final Path recording;
  private volatile String recorder;

  /**
   * @param dir where archives are kept (one per jar and JVM)
   * @param classPath the class path the nodes run with, part of the archive's key
   * @param jvmOptions the nodes' JVM options, part of the archive's key (a different GC cannot use it)
   */
  NodeClassArchive(Path dir, String classPath, List<String> jvmOptions) {
    this.archive = dir.resolve("node-" + key(classPath, jvmOptions) + ".jsa");
    this.recording = dir.resolve(archive.getFileName() + ".recording-" + ProcessHandle.current().pid());
  }

  /** The archive's file (which may not exist yet). */
  Path file() {
    return archive;
  }

  /** The JVM options of a node's next process: map the archive, or record it if none exists and no node records yet. */
  synchronized List<String> jvmOptions(String nodeId) {
    if (Files.isRegularFile(archive)) {
      return withQuiet("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0", "-XX:SharedArchiveFile=" + archive,
          "-Xshare:auto");
    }
    if (recorder == null || recorder.equals(nodeId)) {
      try {
        Files.createDirectories(archive.getParent());
      } catch (IOException e) {
        log.warn("no class archive for the nodes: cannot create {}: {}", archive.getParent(), e.toString());
        return List.of();
      }
      recorder = nodeId;
      return withQuiet("-XX:ArchiveClassesAtExit=" + recording);
    }
    return List.of();
  }

  private static List<String> withQuiet(String... options) {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(QUIET);
    return List.copyOf(all);
  }

  /** Called when a node's process has ended: keeps the archive it recorded, whole, under its final name. */
  synchronized void ended(String nodeId) {
    if (!nodeId.equals(recorder) || !Files.isRegularFile(recording)) {
      return;
    }
    try {
      if (Files.size(recording) > 0) {
        Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE);
        log.info("class archive for the nodes written to {}; nodes started from now on share it", archive);
        recorder = null;
        removeStale();
      } else {
        Files.delete(recording);
      }
    } catch (IOException e) {
      log.warn("cannot keep the nodes' class archive {}: {}", recording, e.toString());
    }
  }

  /** Archives of other jars (every build makes one) not written in the last day: 48 MiB each. */
  private void removeStale() throws IOException {
    long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
    try (var files = Files.list(archive.getParent())) {
      for (Path old : files.filter(f -> f.getFileName().toString().startsWith("node-") && !f.equals(archive)).toList()) {
        if (Files.getLastModifiedTime(old).toMillis() < dayAgo) {
          Files.deleteIfExists(old);
        }
      }
    }
  }

  private static String key(String classPath, List<String> jvmOptions) {
    List<String> parts = new ArrayList<>(List.of(System.getProperty("java.home"), System.getProperty("java.vm.version")));
    parts.addAll(jvmOptions);
    for (String entry : classPath.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      try {
        parts.add(path.toAbsolutePath() + ":" + Files.size(path) + ":" + Files.getLastModifiedTime(path).toMillis());
      } catch (IOException e) {
        parts.add(entry);
      }
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the JVM can archive classes of this class path: only from jar files (not from class directories, as in tests). */
  static boolean supports(String classPath) {
    for (String entry : classPath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
        return false;
      }
    }
    return true;
  }
}
