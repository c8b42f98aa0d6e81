package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.twlb.bridge.BridgeConfig;
import dev.twlb.lb.balancer.LbConfig;
import dev.twlb.labeler.LabelerConfig;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.sink.SinkConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import dev.twlb.testkit.KafkaFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/** What can be checked of docker-compose.yml without a Docker engine. */
class ComposeFileTest {
  private static final Path ROOT = Path.of("..");
  private static final List<String> NODES = IntStream.rangeClosed(1, 15).mapToObj(i -> "node-" + i).toList();

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    try (Reader in = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(in);
      return (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @SuppressWarnings("unchecked")
  private static List<String> command(Map<String, Object> service) {
    return (List<String>) service.get("command");
  }

  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    return i < 0 ? null : args.get(i + 1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFilesAreTwlbComposeFilesOutputForFifteenNodesAndItWritesAnyNumber(@TempDir Path dir) throws IOException {
    assertThat(ComposeFileCommand.compose(15, 500, 2)).isEqualTo(Files.readString(ROOT.resolve("docker-compose.yml")));
    assertThat(ComposeFileCommand.prometheus(15)).isEqualTo(Files.readString(ROOT.resolve("monitoring/prometheus.yml")));
    assertThat(ComposeFileCommand.ENV).isEqualTo(Files.readString(ROOT.resolve(".env")));

    assertThat(Twlb.commandLine().execute("compose-file", "--nodes", "20", "--dir", dir.toString())).isZero();
    try (Reader in = Files.newBufferedReader(dir.resolve("docker-compose.yml"))) {
      Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(in).get("services");
      assertThat(services).containsKeys("node-1", "node-20").doesNotContainKey("node-21");
      assertThat(option(command(services.get("lb")), "--nodes")).endsWith(",node-20=http://node-20:7001");
      assertThat(option(command(services.get("scheduler")), "--nodes")).isEqualTo("20");
    }
    assertThat(Files.readString(dir.resolve("monitoring/prometheus.yml"))).contains("'node-20:7001'");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theScaleProfileSplitsItsNodesOverNodeHostsByRangeWithTwoLabelersAndTwoSinks() throws IOException {
    var services = services();
    List<String> first = command(services.get("node-host-1"));
    List<String> second = command(services.get("node-host-2"));
    assertThat(List.of(option(first, "--first-node"), option(first, "--nodes"), option(second, "--first-node"),
        option(second, "--nodes"))).containsExactly("1", "250", "251", "250");
    String nodes = "node-1..250=http://node-host-1:7001,node-251..500=http://node-host-2:7001";
    assertThat(option(command(services.get("scale-lb")), "--nodes")).isEqualTo(nodes);
    assertThat(option(command(services.get("scale-metrics-bridge")), "--nodes")).isEqualTo(nodes);
    assertThat(option(command(services.get("scale-scheduler")), "--nodes")).isEqualTo("500");
    assertThat(option(command(services.get("scale-traffic")), "--nodes")).isEqualTo("500");
    assertThat(dev.twlb.schemas.cluster.NodeList.parse(nodes)).hasSize(500);
    // the scale cluster stands in for the default one under its names, so traffic and Prometheus find it
    for (String name : List.of("lb", "scheduler", "metrics-bridge", "labeler-stream")) {
      assertThat(services.get("scale-" + name).get("networks").toString()).contains("aliases=[" + name + "]");
      assertThat(services.get(name).get("profiles")).isEqualTo(List.of("default"));
      assertThat(services.get("scale-" + name).get("profiles")).isEqualTo(List.of("scale"));
    }
    assertThat(services.get("node-1").get("profiles")).isEqualTo(List.of("default"));
    assertThat(option(command(services.get("sink-2")), "--instance-id")).isEqualTo("sink-2");
    assertThat(services.get("labeler-stream-2").get("volumes").toString()).contains("labeler-state-2:");
    // both labelers in one group of their own, on windows that hold 4 requests of a node at 150 requests/s (0.3 each)
    assertThat(option(command(services.get("scale-traffic")), "--max-rate")).isEqualTo("150");
    for (String labeler : List.of("scale-labeler-stream", "labeler-stream-2")) {
      assertThat(option(command(services.get(labeler)), "--window")).as(labeler).isEqualTo("14s");
      assertThat(option(command(services.get(labeler)), "--application-id")).as(labeler).isEqualTo("twlb-labeler-scale");
    }
    assertThat(command(services.get("labeler-stream"))).doesNotContain("--window", "--application-id");
    assertThat(option(command(services.get("topics")), "--partitions")).isEqualTo("6");
    for (String starter : List.of("scale-traffic", "scale-scheduler")) { // once every node host answers
      assertThat(services.get(starter).get("depends_on").toString()).as(starter)
          .contains("node-host-1={condition=service_healthy}", "node-host-2={condition=service_healthy}");
    }
    assertThat(services.get("node-host-2").get("healthcheck").toString()).contains("localhost:7001/health", "localhost:7250/health");
    assertThat(option(first, "--nodes-on-machine")).isEqualTo("500");
    assertThat(ComposeFileCommand.ranges(7, 3)).containsExactly(new int[] {1, 3}, new int[] {4, 5}, new int[] {6, 7});
  }

  @Test
  void theBrokerIsTheKafkaVersionTheServicesAreBuiltWith() throws IOException {
    assertThat(services().get("kafka").get("image")).isEqualTo(KafkaFixture.KAFKA_IMAGE);
  }

  @Test
  void everyTwlbServiceRunsAValidTwlbCommand() throws IOException {
    var services = services();
    assertThat(services).containsKeys("kafka", "schema-registry", "lb", "traffic", "scheduler", "metrics-bridge",
        "labeler-stream", "sink", "prometheus", "grafana");
    assertThat(services).containsKeys(NODES.toArray(String[]::new));
    services.forEach((name, service) -> {
      if ("twlb:latest".equals(service.get("image")) && !service.containsKey("entrypoint")) { // data-dir runs chown
        List<String> args = command(service);
        assertThat(args).as(name).isNotEmpty();
        // as compose interpolates ${VAR:-default} when VAR is unset
        CommandLine.ParseResult parsed = Twlb.commandLine().parseArgs(args.stream()
            .map(a -> a.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1")).toArray(String[]::new));
        assertThat(parsed.hasSubcommand()).as(name + " names a subcommand").isTrue();
      }
    });
  }

  @Test
  void nodesCrashLikeTheTestbedSaysAndTheBalancerAndBridgeKnowThemAll() throws IOException {
    var services = services();
    String expected = String.join(",", NODES.stream().map(n -> n + "=http://" + n + ":7001").toList());
    for (String node : NODES) {
      assertThat(services.get(node).get("restart")).as(node).isEqualTo("always");
      assertThat(option(command(services.get(node)), "--id")).isEqualTo(node);
      assertThat(option(command(services.get(node)), "--port")).isEqualTo("7001");
    }
    assertThat(option(command(services.get("lb")), "--nodes")).isEqualTo(expected);
    assertThat(option(command(services.get("metrics-bridge")), "--nodes")).isEqualTo(expected);
    assertThat(option(command(services.get("scheduler")), "--nodes")).isEqualTo("15");
  }

  @Test
  void portsAndTopicsAgreeWithTheCodesDefaults() throws IOException {
    var services = services();
    assertThat(option(command(services.get("lb")), "--port")).isEqualTo(
        Integer.toString(new LbConfig(Map.of()).port()));
    for (String service : List.of("lb", "traffic", "scheduler", "metrics-bridge", "labeler-stream", "sink")) {
      assertThat(command(services.get(service))).as(service + " keeps the default topic names").doesNotContain("--topic");
    }
    String prometheus = Files.readString(ROOT.resolve("monitoring/prometheus.yml"));
    NODES.forEach(node -> assertThat(prometheus).contains("'" + node + ":7001'"));
    assertThat(prometheus).contains("'lb:" + new LbConfig(Map.of()).port() + "'")
        .contains("'metrics-bridge:" + new BridgeConfig(Map.of()).port() + "'")
        .contains("'labeler-stream:" + new LabelerConfig(Map.of()).port() + "'")
        .contains("'sink:" + new SinkConfig(Map.of()).port() + "'")
        .contains("'scheduler:9403'");
    assertThat(services.get("schema-registry").get("ports").toString())
        .contains(new RegistryConfig(Map.of(RegistryConfig.BOOTSTRAP_SERVERS, "x:1")).port() + ":8081");
  }

  @Test
  void theDatasetIsTwlbRunsOwnedByTheUserAndKeptAcrossDownAndUp() throws IOException {
    var services = services();
    assertThat(option(command(services.get("labeler-stream")), "--unlabeled-windows")).as("as twlb run: every row has a run_id")
        .isEqualTo("drop");
    for (String writer : List.of("sink", "train", "detector")) {
      assertThat(services.get(writer).get("user")).as(writer).isEqualTo("${TWLB_UID:-1000}:${TWLB_GID:-1000}");
    }
    assertThat(services.get("data-dir").get("entrypoint").toString()).contains("chown", "${TWLB_UID:-1000}:${TWLB_GID:-1000}");
    assertThat(services.get("kafka").get("volumes").toString()).contains("kafka-data:/var/lib/kafka/data");
    assertThat(((Map<?, ?>) services.get("kafka").get("environment")).get("KAFKA_LOG_DIRS")).isEqualTo("/var/lib/kafka/data");
  }

  @Test
  void theGrafanaDashboardAndDataSourceAreProvisioned() throws IOException {
    var dashboard = new ObjectMapper().readTree(ROOT.resolve("monitoring/grafana/dashboards/twlb.json").toFile());
    assertThat(dashboard.path("panels").toString())
        .contains("lb_requests_total").contains("lb_request_latency_seconds_bucket").contains("twlb_fault_assignment");
    assertThat(Files.readString(ROOT.resolve("monitoring/grafana/provisioning/datasources/prometheus.yml")))
        .contains("http://prometheus:9090");
  }

  @Test
  void dockerComposeAcceptsTheFileWhereItIsInstalled() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/docker-compose")),
        "docker-compose is not installed here (apt-get install docker-compose): only the structural checks ran");
    Process config = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
        .directory(ROOT.toFile()).redirectErrorStream(true).start();
    assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(config.exitValue()).as(new String(config.getInputStream().readAllBytes())).isZero();
  }
}
