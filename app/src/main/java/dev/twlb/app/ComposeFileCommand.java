package dev.twlb.app;

import dev.twlb.scheduler.SchedulerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "compose-file", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    description = {
      "Writes docker-compose.yml and monitoring/prometheus.yml for a number of nodes: one container per node, the",
      "balancer and the metrics bridge in front of all of them, the scheduler dealing faults to all of them, and",
      "Prometheus scraping every one. The repository's files are this command's output for the default."})
final class ComposeFileCommand implements Callable<Integer> {
  @Option(names = "--nodes", descriptionKey = ServiceKeys.SCHEDULER + SchedulerConfig.NODES,
      description = "Backend nodes. Default: ${DEFAULT-VALUE}.")
  int nodes;

  @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR",
      description = "The folder of docker-compose.yml (monitoring/ below it). Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Override
  public Integer call() throws IOException {
    Files.writeString(dir.resolve("docker-compose.yml"), compose(nodes));
    Files.createDirectories(dir.resolve("monitoring"));
    Files.writeString(dir.resolve("monitoring/prometheus.yml"), prometheus(nodes));
    System.out.println("wrote " + dir.resolve("docker-compose.yml") + " and " + dir.resolve("monitoring/prometheus.yml")
        + " for " + nodes + " nodes");
    return 0;
  }

  static String compose(int nodes) {
    String services = IntStream.rangeClosed(1, nodes).mapToObj(n -> """
          node-%1$d:
            <<: *twlb
            command: ["node", "--id", "node-%1$d", "--host", "0.0.0.0", "--port", "7001"]
            restart: always
        """.formatted(n)).collect(Collectors.joining("\n"));
    String urls = IntStream.rangeClosed(1, nodes).mapToObj(n -> "node-" + n + "=http://node-" + n + ":7001")
        .collect(Collectors.joining(","));
    return template("docker-compose.yml.template").replace("{{nodes}}\n", services)
        .replace("{{node-urls}}", urls).replace("{{node-count}}", Integer.toString(nodes));
  }

  static String prometheus(int nodes) {
    return template("prometheus.yml.template").replace("{{node-targets}}",
        IntStream.rangeClosed(1, nodes).mapToObj(n -> "'node-" + n + ":7001'").collect(Collectors.joining(", ")));
  }

  private static String template(String name) {
    try (InputStream in = ComposeFileCommand.class.getResourceAsStream("compose/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the template " + name, e);
    }
  }
}
