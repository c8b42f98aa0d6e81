package dev.twlb.app;

import dev.twlb.nodes.server.NodeServer;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each node as its own OS process (so a crash is a real process death and CPU and memory are
 * really per node) and starts a node again whenever its process ends. A node restarted during its
 * crash epoch reads its assignment and stays down until the epoch ends, so restarting at once is
 * exactly "back for its next non-crash epoch".
 */
final class NodeSupervisor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeSupervisor.class);
  private static final Duration CHECK_EVERY = Duration.ofMillis(100);
  /** A node that ends this soon after it started ended on its input, not of a crash fault. */
  static final Duration QUICK_EXIT = Duration.ofSeconds(10);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
  /** Tells a node process which process supervises it, so that it ends with it (even when that one is SIGKILLed). */
  static final String SUPERVISOR_PID_ENV = "TWLB_SUPERVISOR_PID";

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
   * @param launcher the command that runs {@code twlb}, e.g. {@code java -cp twlb.jar dev.twlb.app.Twlb}
   * @param argsByNode each node's {@code twlb} arguments ({@code node --id ... --port ...})
   * @param logDir where each node's output goes ({@code <node>.log}, appended across restarts)
   */
  NodeSupervisor(List<String> launcher, Map<String, List<String>> argsByNode, Path logDir) {
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

  /**
   * A node's JVM, sized for fifteen of them on a laptop beside the rest: the {@code node} line of {@code bin/jvm.options}
   * (why each option, there), the same that {@code bin/twlb node} and the Docker image give a node.
   */
  static final List<String> NODE_JVM_OPTIONS = JvmOptions.of("node");

  /** The command that runs this same program again as a node from {@code classPath}: this JVM's java, the nodes' options. */
  static List<String> nodeProgram(String classPath) {
    return program(NODE_JVM_OPTIONS, classPath);
  }

  /**
   * The nodes' class path: {@link NodeServer#JAR} when this JVM runs from a single jar that has it beside it (a node then
   * holds a central directory of 14,000 entries, not 45,000: 3.4 MiB less heap each), else this JVM's class path.
   */
  static String nodeClassPath() {
    String classPath = classPath();
    Path nodeJar = Path.of(classPath).resolveSibling(NodeServer.JAR);
    boolean singleJar = !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
    if (singleJar && Files.isRegularFile(nodeJar)) {
      return nodeJar.toString();
    }
    if (singleJar) {
      log.info("no {} beside {}: the nodes run from the whole jar", NodeServer.JAR, classPath);
    }
    return classPath;
  }

  /**
   * The command that runs this same program again as a host of {@code nodes} nodes: about 1 MiB of heap per node
   * (its metrics, its timeline, its server), the quick compiler only, and 1 GiB of direct memory that the hosted nodes'
   * memory leaks share.
   */
  static List<String> hostProgram(int nodes) {
    return program(List.of("-Xmx" + (128 + nodes) + "m", "-XX:MaxDirectMemorySize=1g", "-XX:TieredStopAtLevel=1",
        "-Dio.netty.jfr.enabled=false"), classPath());
  }

  /** The command that runs this same program again: this JVM's java, class path and main class. */
  static List<String> thisProgram(String maxHeap) {
    return program(List.of("-Xmx" + maxHeap, "-XX:MaxDirectMemorySize=512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:ActiveProcessorCount=1"), classPath());
  }

  private static List<String> program(List<String> jvmOptions, String classPath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, Twlb.class.getName()));
    return List.copyOf(command);
  }

  /** This JVM's class path with absolute entries: a class archive records the path as its nodes were given it. */
  static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
  }

  void start() {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    argsByNode.keySet().forEach(this::launch);
    watcher.start();
  }

  /** How often the node's process was started again after it ended. */
  int restarts(String nodeId) {
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
      builder.environment().put(SUPERVISOR_PID_ENV, Long.toString(ProcessHandle.current().pid()));
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
    if (exitCode != CliErrors.USAGE) {
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

  /**
   * In a node process started by a supervisor: ends this process when the supervisor's ends, however it ends, so a
   * {@code twlb run} killed with SIGKILL leaves no node behind holding its port. It halts: with its supervisor gone,
   * a graceful stop could wait forever on a broker that went with it.
   */
  static void exitWithSupervisor() {
    String pid = System.getenv(SUPERVISOR_PID_ENV);
    if (pid != null) {
      ProcessHandle.of(Long.parseLong(pid)).ifPresentOrElse(
          supervisor -> supervisor.onExit().thenRun(() -> Runtime.getRuntime().halt(0)), () -> Runtime.getRuntime().halt(0));
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
