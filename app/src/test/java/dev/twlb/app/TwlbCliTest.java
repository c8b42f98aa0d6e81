package dev.twlb.app;

import dev.twlb.app.run.ChildPrograms;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TwlbCliTest {
  @Test
  void theProcessesTwlbRunStartsRunThisMainClass() {
    assertThat(ChildPrograms.MAIN_CLASS).isEqualTo(Twlb.class.getName());
  }


  record Run(int exitCode, String out, String err) {}

  static Run twlb(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Twlb.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"broker", "registry", "node", "scheduler", "lb", "traffic", "metrics-bridge", "labeler", "sink",
      "train", "evaluate", "detect"})
  void everySubcommandHasHelp(String subcommand) {
    Run run = twlb(subcommand, "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: twlb " + subcommand).contains("--help");
  }

  @Test
  void topLevelHelpListsTheSubcommands() {
    Run run = twlb("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("broker").contains("registry");
  }

  @Test
  void registryTakesTheKafkaClientOptions() {
    assertThat(twlb("registry", "--help").out()).contains("--bootstrap-servers").contains("--kafka-config");
  }

  @Test
  void versionNamesTheProjectAndKafka() {
    Run run = twlb("--version");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("twlb").contains("Apache Kafka 4.3.1");
  }

  @Test
  void unknownOptionIsOneLineAndExitCode2() {
    Run run = twlb("broker", "--bogus");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("Unknown option: '--bogus'").contains("twlb broker --help");
  }

  @Test
  void unknownSubcommandIsExitCode2() {
    Run run = twlb("frobnicate");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n");
  }

  @Test
  void nonNumericPortIsOneLineAndExitCode2() {
    Run run = twlb("broker", "--port", "abc");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("--port").contains("abc");
  }

  @Test
  void outOfRangePortIsOneLineAndExitCode2() {
    Run run = twlb("registry", "--port", "70000");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("70000");
  }

  @Test
  void missingKafkaConfigFileIsExitCode2() {
    Run run = twlb("registry", "--kafka-config", "/no/such/client.properties");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains("/no/such/client.properties");
  }

  @Test
  void takenPortIsExitCode2BeforeAnythingStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("localhost"))) {
      Run run = twlb("broker", "--port", Integer.toString(taken.getLocalPort()), "--data-dir", "target/never-created");
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip()).doesNotContain("\n").contains("already in use");
      assertThat(new java.io.File("target/never-created")).doesNotExist();
    }
  }

  @Test
  void servicesThatWriteAvroTakeTheRegistryUrl() {
    for (String subcommand : new String[] {"node", "scheduler", "lb", "metrics-bridge", "labeler", "sink", "detect"}) {
      assertThat(twlb(subcommand, "--help").out()).contains("--bootstrap-servers", "--kafka-config", "--schema-registry-url");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "scheduler --faults gremlins=1                    | unknown fault 'gremlins'",
      "scheduler --nodes 3 --faulty 4                   | cannot exceed nodes (3)",
      "scheduler --epoch-duration soon                  | 'soon' is not a duration",
      "scheduler --intensity delay.speed=1..2           | fault 'delay' has no parameter 'speed'",
      "lb --strategy fastest                            | unknown strategy 'fastest'",
      "lb --nodes node-1=localhost:7001                 | 'localhost:7001' is not http://HOST:PORT",
      "lb --timeout 0                                   | --timeout 0: Value must be at least 1",
      "traffic --rate -5                                | --rate -5: Value must be at least 0.001",
      "traffic --target localhost:8080                  | must be http://HOST:PORT/PATH",
      "metrics-bridge --interval 1s --scrape-timeout 2s | must be below scrape.interval.ms",
      "labeler --window 10ms                            | --window 10ms: Value must be at least 100",
      "labeler --unlabeled-windows maybe                | String must be one of: keep, drop",
      "sink --parquet-codec BROTLI                      | String must be one of: UNCOMPRESSED",
      "sink --data-dir /proc/nope                       | --data-dir /proc/nope is not writable",
      "node --port 7001                                 | Missing required option: '--id",
      "node --id node-1 --port 0                        | --port 0: Value must be at least 1",
      "scheduler --fault-draw shuffled                  | String must be one of: deck, independent",
      "run --fault-draw shuffled                        | String must be one of: deck, independent",
      "run --nodes 3 --faulty 4                         | --faulty 4: cannot exceed nodes (3)",
      "run --epochs -1                                  | --epochs -1: Value must be at least 0",
      "run --window 1ms                                 | --window 1ms: Value must be at least 100",
      "run --detect-after 1                             | --detect-after 1 must be at least 2",
      "run --epochs 3 --detect-after 3                  | below --epochs",
      "run --model /nonexistent/model.tribuo            | no such file (train one with twlb train)",
      "run --nodes 3 --node-base-port 47001 --broker-port 47002 --data-dir target/ports | --node-base-port (node-2) 47002 is also the port of --broker-port",
      "train --data-dir /tmp --folds 1                  | --folds 1: Value must be at least 2",
      "train --data-dir /tmp --gamma 0                  | '0' is not a number > 0",
      "train                                            | Missing required option: '--data-dir",
      "detect                                           | Missing required option: '--model",
      "report                                           | Missing required option: '--data-dir",
      "compact --data-dir /nonexistent                  | no parquet/ folder",
      "sink --compact-after soon                        | 'soon' is not a duration"
  })
  void badInputIsOneLineWithItsReasonAndExitCode2(String args, String reason) {
    Run run = twlb(args.strip().split(" "));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains(reason.strip());
  }

  @Test
  void trainAndDetectTakeTheirDefaultsFromTheirConfigDefs() {
    assertThat(twlb("train", "--help").out().replaceAll("\\s+", " "))
        .contains("Default: 5", "Default: 1,10,100", "Default: 0.01,0.05,0.2");
    assertThat(twlb("detect", "--help").out().replaceAll("\\s+", " "))
        .contains("Default: twlb-detector", "Default: 9404", "Default: 500");
  }

  @Test
  void trainOnADirectoryWithoutDataSaysSoWithExitCode1() {
    Run run = twlb("train", "--data-dir", "/nonexistent/data");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("no such data directory: /nonexistent/data");
  }

  @Test
  void runStretchesItsWindowWhenTheTrafficLeavesANodeFewerThanFourRequestsInIt() {
    assertThat(runCommand("run").labeledWindow()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(runCommand("run", "--nodes", "500").labeledWindow()).as("0.4 requests/s a node").isEqualTo(java.time.Duration.ofSeconds(10));
    assertThat(runCommand("run", "--nodes", "500", "--max-rate", "400").labeledWindow()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(runCommand("run", "--nodes", "500", "--window", "5s").labeledWindow()).as("as asked").isEqualTo(java.time.Duration.ofSeconds(5));
  }

  private static RunCommand runCommand(String... args) {
    CommandLine cli = Twlb.commandLine();
    cli.parseArgs(args);
    return (RunCommand) cli.getSubcommands().get("run").getCommand();
  }

  /** The balancer settings {@code twlb run} would start with these arguments. */
  private static java.util.Map<String, Object> balancerOf(String... args) {
    return runCommand(args).balancer();
  }

  @Test
  void trustWeightedWeighsTheRunsOwnDetectorsVerdictsUnlessToldNot() {
    String topic = dev.twlb.lb.balancer.LbConfig.DETECTIONS_TOPIC;
    assertThat(balancerOf("run", "--strategy", "trust-weighted", "--detect-after", "2")).containsEntry(topic, "fault-detections");
    assertThat(balancerOf("run", "--strategy", "trust-weighted", "--model", "m.tribuo")).containsEntry(topic, "fault-detections");
    assertThat(balancerOf("run", "--strategy", "trust-weighted").getOrDefault(topic, "")).as("no detector").isEqualTo("");
    assertThat(balancerOf("run", "--strategy", "p2c-ewma", "--detect-after", "2").getOrDefault(topic, "")).isEqualTo("");
    assertThat(balancerOf("run", "--strategy", "trust-weighted", "--detect-after", "2", "--detections-topic", "none"))
        .doesNotContainKey(topic);
    assertThat(balancerOf("run", "--strategy", "trust-weighted", "--detect-after", "2", "--detections-topic", "mine"))
        .containsEntry(topic, "mine");
  }

  @Test
  void anUnknownFaultNamesTheKnownOnes() {
    assertThat(twlb("scheduler", "--faults", "gremlins").err()).contains("gremlins").contains("lie-latency");
  }
}
