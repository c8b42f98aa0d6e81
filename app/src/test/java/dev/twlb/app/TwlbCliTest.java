package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class TwlbCliTest {

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
      "train", "detect"})
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

  @ParameterizedTest
  @ValueSource(strings = {
      "scheduler --faults gremlins=1",
      "scheduler --nodes 3 --faulty 4",
      "scheduler --epoch-duration soon",
      "scheduler --intensity delay.speed=1..2",
      "lb --strategy fastest",
      "lb --nodes node-1=localhost:7001",
      "lb --timeout 0",
      "traffic --rate -5",
      "traffic --target localhost:8080",
      "metrics-bridge --interval 1s --scrape-timeout 2s",
      "labeler --window 10ms",
      "labeler --unlabeled-windows maybe",
      "sink --parquet-codec BROTLI",
      "sink --data-dir /proc/nope",
      "node --port 7001",
      "node --id node-1 --port 0",
      "scheduler --fault-draw shuffled",
      "run --fault-draw shuffled",
      "run --detect-after 1",
      "run --epochs 3 --detect-after 3",
      "run --model /nonexistent/model.tribuo",
      "train --data-dir /tmp --folds 1",
      "train --data-dir /tmp --gamma 0",
      "train",
      "detect"
  })
  void badInputIsOneLineAndExitCode2(String args) {
    Run run = twlb(args.split(" "));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").isNotEmpty();
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
  void anUnknownFaultNamesTheKnownOnes() {
    assertThat(twlb("scheduler", "--faults", "gremlins").err()).contains("gremlins").contains("lie-latency");
  }
}
