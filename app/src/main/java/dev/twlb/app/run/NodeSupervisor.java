package dev.twlb.app.run;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Runs each node as its own OS process (so a crash is a real process death and CPU and memory are
 * really per node) and starts a node again whenever its process ends. A node restarted during its
 * crash epoch reads its assignment and stays down until the epoch ends, so restarting at once is
 * exactly "back for its next non-crash epoch". The command lines it starts come from {@link ChildPrograms}; what a
 * supervised process does on its side, from {@link Supervised}.
 */
public final class NodeSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeSupervisor.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(100);
  /** A node that ends this soon after it started ended on its input, not of a crash fault. */
  static final Duration QUICK_EXIT = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final List<String> launcher;
  private final Map<String, List<String>> argsByNode;
  private final Path logDir;
  private final NodeClassArchive archive;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> restarts = new ConcurrentHashMap<>();
  /** Per node, how many times in a row it ended within {@link #QUICK_EXIT} of its start. */
  private final Map<String, Integer> quickExits = new ConcurrentHashMap<>();
  /** When each node's process was started (nanoTime). */
  private final Map<String, Long> launchedAt = new ConcurrentHashMap<>();
  /** Nodes that ended and wait to be started again, with when (nanoTime). */
  private final Map<String, Long> relaunchAt = new ConcurrentHashMap<>();
  private final Thread watcher;
  private volatile boolean stopping;

  /**
   * @param launcher the command that runs {@code twlb}, e.g. {@code java -cp twlb.jar dev.twlb.app.Twlb} ({@link ChildPrograms})
   * @param argsByNode each node's {@code twlb} arguments ({@code node --id ... --port ...})
   * @param logDir where each node's output goes ({@code <node>.log}, appended across restarts)
   */
  public NodeSupervisor(List<String> launcher, Map<String, List<String>> argsByNode, Path logDir) {
    this(launcher, argsByNode, logDir, null);
  }

  /** @param archive the nodes' class archive, or null for none */
  NodeSupervisor(List<String> launcher, Map<String, List<String>> argsByNode, Path logDir, NodeClassArchive archive) {
    this.archive = archive;
    this.launcher = List.copyOf(launcher);
    this.argsByNode = new LinkedHashMap<>(argsByNode);
    this.logDir = logDir;
    this.watcher = new Thread(this::watch, "node-supervisor");
    watcher.setDaemon(true);
  }

  public void start() {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    argsByNode.keySet().forEach(this::launch);
    watcher.start();
  }

  /** How often the node's process was started again after it ended. */
  public int restarts(String nodeId) {
    return restarts.getOrDefault(nodeId, new AtomicInteger()).get();
  }

  private void launch(String nodeId) {
    List<String> command = new ArrayList<>(launcher);
    if (archive != null) {
      command.addAll(1, archive.jvmOptions(nodeId));
    }
    command.addAll(argsByNode.get(nodeId));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.resolve(nodeId + ".log").toFile()));
      builder.environment().put(Supervised.SUPERVISOR_PID_ENV, Long.toString(ProcessHandle.current().pid()));
      // glibc gives each thread that allocates its own 64 MiB arena; two are plenty for a node's few native allocations
      builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
      // Fixed, so that every buffer of 128 KiB or more is mapped on its own and unmapped when freed: glibc raises its
      // threshold when the first memory-leak's 1 MiB buffers are freed, and a second leak's could then stay resident
      builder.environment().putIfAbsent("MALLOC_MMAP_THRESHOLD_", "131072");
      Process process = builder.start();
      launchedAt.put(nodeId, System.nanoTime());
      running.put(nodeId, process);
    } catch (IOException e) {
      log.error("cannot start {}: {}", nodeId, e.toString());
    }
  }

  /**
   * Starts every node that ended again: at once, unless it keeps ending within {@link #QUICK_EXIT} of its start (bad
   * input, a port in use), then after a wait that doubles from {@link #CHECK_EVERY} up to {@link #MAX_BACKOFF}, said
   * with the node's last log line.
   */
  private void watch() {
    while (!stopping) {
      long now = System.nanoTime();
      running.forEach((nodeId, process) -> {
        if (!process.isAlive() && !stopping && !relaunchAt.containsKey(nodeId)) {
          int code = process.exitValue();
          boolean quick = now - launchedAt.getOrDefault(nodeId, now) < QUICK_EXIT.toNanos();
          int inARow = quick ? quickExits.merge(nodeId, 1, Integer::sum) : quickExits.merge(nodeId, 0, (a, b) -> 0);
          Duration wait = backoff(inARow);
          log.info("{} exited with code {}{}; starting it again{}", nodeId, code, whyEnded(logDir.resolve(nodeId + ".log"), code),
              wait.isZero() ? "" : " in " + wait.toMillis() + " ms (it ended within " + QUICK_EXIT.toSeconds() + " s of its start "
                  + inARow + " times in a row)");
          restarts.computeIfAbsent(nodeId, k -> new AtomicInteger()).incrementAndGet();
          ended(nodeId);
          relaunchAt.put(nodeId, now + wait.toNanos());
        }
      });
      relaunchAt.forEach((nodeId, at) -> {
        if (now - at >= 0 && !stopping) {
          relaunchAt.remove(nodeId);
          launch(nodeId);
        }
      });
      try {
        Thread.sleep(CHECK_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** How long to wait before starting a node again after it ended {@code quickExitsInARow} times just after starting. */
  static Duration backoff(int quickExitsInARow) {
    if (quickExitsInARow <= 1) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.min(CHECK_EVERY.toMillis() << Math.min(quickExitsInARow - 2, 16), MAX_BACKOFF.toMillis()));
  }

  /** The crash fault for a SIGKILL; for bad input (a port in use, say), the line its log ends with. */
  static String whyEnded(Path nodeLog, int exitCode) {
    if (exitCode == 137) {
      return " (crash fault)";
    }
    if (exitCode != CommandLine.ExitCode.USAGE) {
      return "";
    }
    try (RandomAccessFile file = new RandomAccessFile(nodeLog.toFile(), "r")) {
      byte[] tail = new byte[(int) Math.min(file.length(), 1024)];
      file.seek(file.length() - tail.length);
      file.readFully(tail);
      String text = new String(tail, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "" : " (" + text.substring(text.lastIndexOf('\n') + 1).strip() + ")";
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops every node (SIGTERM, then SIGKILL for any still alive after 10 s), leaving no child behind. */
  @Override
  public void close() {
    stopping = true;
    watcher.interrupt();
    running.values().forEach(Process::destroy);
    for (Process process : running.values()) {
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
    running.keySet().forEach(this::ended);
  }

  private void ended(String nodeId) {
    if (archive != null) {
      archive.ended(nodeId);
    }
  }
}
