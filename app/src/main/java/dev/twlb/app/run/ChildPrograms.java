package dev.twlb.app.run;

import dev.twlb.nodes.server.NodeServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/** The command lines that run this same program again in a process of its own: a node, a host of nodes, a service. */
public final class ChildPrograms {
  /** {@code twlb}'s main class ({@code dev.twlb.app.Twlb}; a test holds the two equal). */
  public static final String MAIN_CLASS = "dev.twlb.app.Twlb";

  private ChildPrograms() {}

  /**
   * A node's JVM, sized for fifteen of them on a laptop beside the rest: the {@code node} line of {@code bin/jvm.options}
   * (why each option, there), the same that {@code bin/twlb node} and the Docker image give a node.
   */
  public static final List<String> NODE_JVM_OPTIONS = JvmOptions.of("node");

  /** The command that runs this same program again as a node from {@code classPath}: this JVM's java, the nodes' options. */
  public static List<String> nodeProgram(String classPath) {
    return program(NODE_JVM_OPTIONS, classPath);
  }

  /**
   * The nodes' class path: {@link NodeServer#JAR} when this JVM runs from a single jar that has it beside it (a node then
   * holds a central directory of 14,000 entries, not 45,000: 3.4 MiB less heap each), else this JVM's class path.
   */
  public static String nodeClassPath() {
    String classPath = classPath();
    Path nodeJar = Path.of(classPath).resolveSibling(NodeServer.JAR);
    boolean singleJar = !classPath.contains(File.pathSeparator) && classPath.endsWith(".jar");
    if (singleJar && Files.isRegularFile(nodeJar)) {
      return nodeJar.toString();
    }
    if (singleJar) {
      LoggerFactory.getLogger(ChildPrograms.class).info("no {} beside {}: the nodes run from the whole jar", NodeServer.JAR, classPath);
    }
    return classPath;
  }

  /**
   * The command that runs this same program again as a host of {@code nodes} nodes: the {@code node-host} line of {@code
   * bin/jvm.options} (why each option, there) with about 1 MiB of heap per node (its metrics, its timeline, its server).
   */
  public static List<String> hostProgram(int nodes) {
    List<String> options = new ArrayList<>(JvmOptions.of("node-host").stream().filter(o -> !o.startsWith("-Xmx")).toList());
    options.add(0, "-Xmx" + (128 + nodes) + "m");
    return program(options, classPath());
  }

  /** The command that runs this same program again: this JVM's java, class path and main class. */
  public static List<String> thisProgram(String maxHeap) {
    return program(List.of("-Xmx" + maxHeap, "-XX:MaxDirectMemorySize=512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-XX:ActiveProcessorCount=1"), classPath());
  }

  private static List<String> program(List<String> jvmOptions, String classPath) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, MAIN_CLASS));
    return List.copyOf(command);
  }

  /** This JVM's class path with absolute entries: a class archive records the path as its nodes were given it. */
  public static String classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
  }
}
