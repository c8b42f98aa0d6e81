package dev.twlb.app;

import dev.twlb.scheduler.SchedulerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "compose-file", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Writes docker-compose.yml, .env and monitoring/prometheus.yml for a number of nodes: one container per node, the",
      "balancer and the metrics bridge in front of all of them, the scheduler dealing faults to all of them, and",
      "Prometheus scraping every one; and, as the profile `scale`, a larger cluster on a few node-host containers, with",
      "two labelers and two sinks. The repository's files are this command's output for the defaults."})
final class ComposeFileCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--nodes", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.NODES,
      description = "Backend nodes. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--scale-nodes", defaultValue = "500", description = "Nodes of the scale profile. Default: ${DEFAULT-VALUE}.")
  int scaleNodes;

  @Option(names = "--scale-hosts", defaultValue = "2",
      description = "node-host containers the scale profile splits its nodes over, by range. Default: ${DEFAULT-VALUE}.")
  int scaleHosts;

  @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR",
      description = "The folder of docker-compose.yml (monitoring/ below it). Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    if (scaleHosts < 1 || scaleNodes < scaleHosts || scaleNodes / scaleHosts + 1 > NODE_PORTS) {
      throw new ParameterException(spec.commandLine(), "--scale-nodes " + scaleNodes + " over --scale-hosts " + scaleHosts
          + ": each host needs a node at least, and at most " + NODE_PORTS);
    }
    Files.writeString(dir.resolve("docker-compose.yml"), compose(nodes, scaleNodes, scaleHosts));
    Files.writeString(dir.resolve(".env"), ENV);
    Files.createDirectories(dir.resolve("monitoring"));
    Files.writeString(dir.resolve("monitoring/prometheus.yml"), prometheus(nodes));
    System.out.println("wrote " + dir.resolve("docker-compose.yml") + ", " + dir.resolve(".env") + " and "
        + dir.resolve("monitoring/prometheus.yml") + " for " + nodes + " nodes (scale profile: " + scaleNodes + " on "
        + scaleHosts + " hosts)");
    return 0;
  }

  static String compose(int nodes, int scaleNodes, int scaleHosts) {
    String services = IntStream.rangeClosed(1, nodes).mapToObj(n -> """
          node-%1$d:
            <<: *twlb
            profiles: ["default"]
            command: ["node", "--id", "node-%1$d", "--host", "0.0.0.0", "--port", "7001"]
            restart: always
        """.formatted(n)).collect(Collectors.joining("\n"));
    String urls = IntStream.rangeClosed(1, nodes).mapToObj(n -> "node-" + n + "=http://node-" + n + ":7001")
        .collect(Collectors.joining(","));
    List<int[]> ranges = ranges(scaleNodes, scaleHosts);
    String hosts = IntStream.range(0, scaleHosts).mapToObj(h -> """
          node-host-%1$d:
            <<: *twlb
            profiles: ["scale"]
            command: ["node-host", "--first-node", "%2$d", "--nodes", "%3$d", "--nodes-on-machine", "%4$d", "--host", "0.0.0.0",
              "--base-port", "7001"]
            healthcheck:  # its first and last node answer
              test: ["CMD-SHELL", "curl -sf localhost:7001/health > /dev/null && curl -sf localhost:%5$d/health > /dev/null"]
              interval: 5s
              timeout: 5s
              retries: 60
        """.formatted(h + 1, ranges.get(h)[0], ranges.get(h)[1] - ranges.get(h)[0] + 1, scaleNodes,
        7001 + ranges.get(h)[1] - ranges.get(h)[0])).collect(Collectors.joining("\n"));
    String scaleUrls = IntStream.range(0, scaleHosts).mapToObj(h -> "node-" + ranges.get(h)[0] + ".." + ranges.get(h)[1]
        + "=http://node-host-" + (h + 1) + ":7001").collect(Collectors.joining(","));
    String ready = "      topics:\n        condition: service_completed_successfully\n" + IntStream.rangeClosed(1, scaleHosts)
        .mapToObj(h -> "      node-host-" + h + ":\n        condition: service_healthy\n").collect(Collectors.joining());
    return template("docker-compose.yml.template").replace("{{nodes}}\n", services).replace("{{node-hosts}}\n", hosts)
        .replace("{{node-hosts-ready}}\n", ready)
        .replace("{{node-urls}}", urls).replace("{{node-count}}", Integer.toString(nodes))
        .replace("{{scale-node-urls}}", scaleUrls).replace("{{scale-node-count}}", Integer.toString(scaleNodes))
        .replace("{{scale-hosts}}", Integer.toString(scaleHosts)).replace("{{scale-faulty}}", Integer.toString(scaleNodes / 5))
        .replace("{{scale-max-rate}}", Long.toString(Math.round(SCALE_MAX_RATE)))
        .replace("{{scale-window}}", WindowForTraffic.forNodes(scaleNodes, SCALE_MAX_RATE).toSeconds() + "s");
  }

  /** The first and last node of each host: consecutive ranges, as even as they come. */
  static List<int[]> ranges(int nodes, int hosts) {
    List<int[]> ranges = new ArrayList<>();
    int first = 1;
    for (int h = 0; h < hosts; h++) {
      int size = nodes / hosts + (h < nodes % hosts ? 1 : 0);
      ranges.add(new int[] {first, first + size - 1});
      first += size;
    }
    return ranges;
  }

  static String prometheus(int nodes) {
    return template("prometheus.yml.template").replace("{{node-targets}}",
        IntStream.rangeClosed(1, nodes).mapToObj(n -> "'node-" + n + ":7001'").collect(Collectors.joining(", ")));
  }

  /** Makes the default profile the one `docker compose up` starts (a shell's COMPOSE_PROFILES or --profile wins). */
  static final String ENV = """
      # Written by `twlb compose-file`. The profile `docker compose up` starts: the cluster of one container per node.
      # `docker compose --profile scale up` starts the larger one instead (see docker-compose.yml).
      COMPOSE_PROFILES=default
      """;

  /**
   * The scale profile's traffic cap, below twlb run's: 14 JVMs in containers serve less than one process does. At 200
   * requests/s the compose test's cluster fell behind at epoch changes (800 requests waiting, benign nodes answering
   * in 2-3 s for whole epochs), and slow nodes no longer stood out from benign ones.
   */
  static final double SCALE_MAX_RATE = 150;

  /** Ports from 7001 a node host's nodes may take. */
  private static final int NODE_PORTS = 65_535 - 7001 + 1;

  private static String template(String name) {
    try (InputStream in = ComposeFileCommand.class.getResourceAsStream("compose/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template " + name, e);
    }
  }
}
