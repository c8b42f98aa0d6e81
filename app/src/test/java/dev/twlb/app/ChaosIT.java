package dev.twlb.app;

import dev.twlb.app.run.TestbedRun;
import dev.twlb.app.run.RunSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.twlb.broker.BrokerConfig;
import dev.twlb.broker.EmbeddedBroker;
import dev.twlb.registry.RegistryConfig;
import dev.twlb.registry.SchemaRegistryServer;
import dev.twlb.schemas.FaultAssignment;
import dev.twlb.schemas.FaultType;
import dev.twlb.schemas.LabeledWindow;
import dev.twlb.schemas.Topics;
import dev.twlb.servicekit.FreePort;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One live pipeline put through what operators see: {@code twlb run} against a broker of this test, with a second
 * labeler and a second sink in its groups (sharing the run's data directory). The second labeler is SIGKILLed five
 * times and the second sink once, each started again; a node is SIGKILLed outside a crash epoch; the broker is stopped
 * and started again on its log directories. Then: every (node, window) once in labeled-metrics (read_committed) and in
 * the files, Parquet = CSV, every clean label as the assignment log says, and the dead node's windows marked.
 */
class ChaosIT {
  private static final Duration WINDOW = Duration.ofSeconds(2);
  private static final int NODES = 6;

  @TempDir
  Path dir;

  private EmbeddedBroker broker;
  private BrokerConfig brokerConfig;

  @Test
  void killedServicesAndNodesAndABrokerRestartLoseNothingAndDoubleNothing() throws Exception {
    brokerConfig = new BrokerConfig(Map.of(BrokerConfig.DATA_DIR, dir.resolve("kafka").toString(), BrokerConfig.PORT, FreePort.pick("localhost")));
    broker = EmbeddedBroker.start(brokerConfig);
    Path data = dir.resolve("data");
    try (SchemaRegistryServer registry = SchemaRegistryServer.start(new RegistryConfig(Map.of(
             RegistryConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers(), RegistryConfig.PORT, 0)), Map.of());
         TwlbProcess run = TwlbProcess.start("run", "--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url",
             registry.url(), "--nodes", Integer.toString(NODES), "--faulty", "2", "--epochs", "0", "--epoch-duration", "20s",
             "--window", "2s", "--seed", "11", "--data-dir", data.toString(),
             // not the defaults: RunIT, in the other test JVM, runs the README's command with them
             "--lb-port", Integer.toString(FreePort.pick("localhost")), "--node-base-port", Integer.toString(FreePort.pickRange("localhost", NODES)),
             "--service-port-base", Integer.toString(FreePort.pickRange("localhost", RunSettings.Service.values().length)))) {
      List<String> kafka = List.of("--bootstrap-servers", broker.bootstrapServers(), "--schema-registry-url", registry.url(), "--port", "0");
      List<String> labelerArgs = concat(List.of("labeler", "--window", "2s", "--unlabeled-windows", "drop", "--state-dir",
          dir.resolve("second-labeler").toString()), kafka);
      List<String> sinkArgs = concat(List.of("sink", "--data-dir", data.toString(), "--rotate-interval", "2s"), kafka);
      Map<String, Object> clientProps = Map.of("bootstrap.servers", broker.bootstrapServers(), "schema.registry.url", registry.url());
      try (TopicTail<LabeledWindow> labeled = new TopicTail<>(Topics.LABELED_METRICS, clientProps);
           TopicTail<FaultAssignment> assignments = new TopicTail<>(Topics.FAULT_ASSIGNMENTS, clientProps)) {
        run.awaitLine("nodes healthy", Duration.ofMinutes(3));
        TwlbProcess labeler = TwlbProcess.start(labelerArgs.toArray(String[]::new));
        TwlbProcess sink = TwlbProcess.start(sinkArgs.toArray(String[]::new));
        try {
          awaitNewWindows(labeled, Instant.now());

          for (int kill = 1; kill <= 5; kill++) {
            labeler.kill();
            labeler.close();
            long restarted = System.nanoTime();
            labeler = TwlbProcess.start(labelerArgs.toArray(String[]::new));
            labeler.awaitLine("labeler is running", Duration.ofSeconds(90));
            // Not bounded here (RecoveryIT bounds a lone labeler's): beside a second instance, the restart is a rebalance.
            System.out.println("labeler kill " + kill + ": running again after " + Duration.ofNanos(System.nanoTime() - restarted).toMillis() + " ms");
            awaitNewWindows(labeled, Instant.now());
          }

          sink.kill();
          sink.close();
          sink = TwlbProcess.start(sinkArgs.toArray(String[]::new));
          sink.awaitLine(" resumes at ", Duration.ofSeconds(60));

          NodeKill killed = killANodeOutsideACrashEpoch(run, assignments);

          broker.close();
          broker = EmbeddedBroker.start(brokerConfig);
          Instant brokerBack = Instant.now();
          awaitNewWindows(labeled, brokerBack.plus(WINDOW));
          assertThat(List.of(run, labeler, sink)).as("every service outlived the broker's restart").allMatch(TwlbProcess::isAlive);

          // Every window up to here, of every node, once: then the services stop and finish their files.
          Instant cut = TestbedRun.aligned(Instant.now(), WINDOW);
          Instant first = firstEpochStart(assignments.poll());
          Set<String> expected = new HashSet<>();
          for (Instant w = first; w.isBefore(cut); w = w.plus(WINDOW)) {
            for (int n = 1; n <= NODES; n++) {
              expected.add("node-" + n + "@" + w);
            }
          }
          await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(keys(labeled.poll()))
              .as("windows of every node from the first epoch until %s", cut).containsAll(expected));
          // A stopping sink finishes the files of what it has read, not of what it has yet to fetch: wait for the reading.
          await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> assertThat(DataFiles.rows(DataFiles.parquet(data))
              .stream().map(r -> r.node() + "@" + r.start()).toList()).as("windows in the files").containsAll(expected));
          assertThat(sink.stop(Duration.ofSeconds(30))).isIn(0, 143);
          assertThat(labeler.stop(Duration.ofSeconds(30))).isIn(0, 143);
          assertThat(run.stop(Duration.ofSeconds(60))).isIn(0, 143);

          List<LabeledWindow> rows = labeled.all(); // all of them: the services have stopped
          assertThat(rows.stream().map(ChaosIT::key).toList()).as("every (node, window) once, read_committed").doesNotHaveDuplicates();
          List<FaultAssignment> truth = assignments.all();
          List<String> mislabeled = new ArrayList<>();
          for (LabeledWindow r : rows) {
            String logged = AssignmentLog.inForce(truth, r.getNodeId(), r.getWindowStart(), r.getWindowEnd());
            if (!r.getIsTransition() && !r.getFaultType().equals(logged)) {
              mislabeled.add(key(r) + ": " + r.getFaultType() + ", the log says " + logged);
            }
          }
          assertThat(mislabeled).as("clean rows whose label the assignment log contradicts").isEmpty();
          assertDisturbedWindowsMarked(rows, killed);

          List<DataFiles.Row> parquet = DataFiles.rows(DataFiles.parquet(data));
          assertThat(parquet.stream().map(r -> r.node() + "@" + r.start()).toList()).as("every row once in the files")
              .doesNotHaveDuplicates().containsAll(expected);
          assertThat(parquet).containsExactlyInAnyOrderElementsOf(DataFiles.rows(DataFiles.csv(data)));
        } catch (Throwable e) {
          for (TwlbProcess p : List.of(run, labeler, sink)) {
            List<String> out = p.output().stream().filter(l -> !l.contains(" rows in all") && !l.contains("Skipping record")).toList();
            System.out.println("---- " + p.output().stream().filter(l -> l.contains("Skipping record")).count() + " late records skipped\n"
                + String.join("\n", out.subList(Math.max(0, out.size() - 60), out.size())));
          }
          throw e;
        } finally {
          labeler.close();
          sink.close();
        }
      }
    } finally {
      broker.close();
    }
  }

  /** When a node was killed, and when it served again. */
  private record NodeKill(String node, Instant at, Instant back) {}

  /** SIGKILLs a node whose assignment keeps it listening for a while yet; returns once it serves again. */
  private NodeKill killANodeOutsideACrashEpoch(TwlbProcess run, TopicTail<FaultAssignment> assignments) {
    Function<Instant, FaultAssignment> victim = now -> assignments.poll().stream()
        .filter(a -> !a.getEffectiveFromMs().isAfter(now) && a.getEffectiveUntilMs().isAfter(now.plusSeconds(10)))
        .filter(a -> !FaultType.of(a.getFaultType()).refusesConnections()).findFirst().orElse(null);
    await().atMost(Duration.ofSeconds(60)).until(() -> victim.apply(Instant.now()) != null);
    String node = victim.apply(Instant.now()).getNodeId();
    ProcessHandle process = nodeProcess(run, node);
    String port = argAfter(process, "--port");
    Instant killed = Instant.now();
    process.destroyForcibly();
    await().atMost(Duration.ofSeconds(60)).until(() -> healthy(port) && nodeProcesses(run, node).anyMatch(p -> p.pid() != process.pid()));
    Instant back = Instant.now();
    System.out.println("killed " + node + " (pid " + process.pid() + ") at " + killed + "; serving again after "
        + Duration.between(killed, back).toMillis() + " ms");
    return new NodeKill(node, killed, back);
  }

  /** The killed node's windows: the one its new process started in says so, and none that saw it down passes as clean. */
  private static void assertDisturbedWindowsMarked(List<LabeledWindow> rows, NodeKill kill) {
    List<LabeledWindow> disturbed = rows.stream().filter(r -> r.getNodeId().equals(kill.node()))
        .filter(r -> r.getWindowEnd().isAfter(kill.at()) && r.getWindowStart().isBefore(kill.back().plus(WINDOW.multipliedBy(2)))).toList();
    assertThat(disturbed).as("%s's windows from its kill until it served again", kill)
        .anyMatch(r -> "node-restart".equals(r.getTransitionReason()))
        .filteredOn(r -> r.getConnectErrorCount() > 0 || (r.getScrapeUpRatio() != null && r.getScrapeUpRatio() < 1))
        .allSatisfy(r -> assertThat(r.getIsTransition()).as("%s, the whole row: %s", key(r), r).isTrue());
  }

  private static ProcessHandle nodeProcess(TwlbProcess run, String node) {
    return nodeProcesses(run, node).findFirst().orElseThrow(() -> new AssertionError("no process for " + node));
  }

  private static java.util.stream.Stream<ProcessHandle> nodeProcesses(TwlbProcess run, String node) {
    return run.descendants().stream().filter(p -> p.isAlive() && p.info().arguments().map(List::of).orElse(List.of()).contains(node));
  }

  private static String argAfter(ProcessHandle process, String option) {
    List<String> args = List.of(process.info().arguments().orElseThrow());
    return args.get(args.indexOf(option) + 1);
  }

  private static boolean healthy(String port) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health"))
          .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Waits until labeled-metrics holds a window that starts at or after {@code from}. */
  private static void awaitNewWindows(TopicTail<LabeledWindow> labeled, Instant from) {
    await().atMost(Duration.ofSeconds(60)).until(() -> labeled.poll().stream().anyMatch(r -> !r.getWindowStart().isBefore(from)));
  }

  private static Instant firstEpochStart(List<FaultAssignment> truth) {
    return truth.stream().map(FaultAssignment::getEffectiveFromMs).min(Instant::compareTo).orElseThrow();
  }

  private static Set<String> keys(Collection<LabeledWindow> rows) {
    return rows.stream().map(ChaosIT::key).collect(Collectors.toSet());
  }

  private static String key(LabeledWindow row) {
    return row.getNodeId() + "@" + row.getWindowStart();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
