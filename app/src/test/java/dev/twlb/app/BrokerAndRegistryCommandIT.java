package dev.twlb.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.twlb.servicekit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twlb broker} and {@code twlb registry} from the fat jar, as separate processes, seen by ordinary clients. */
class BrokerAndRegistryCommandIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final Duration STOP = Duration.ofSeconds(60);

  @TempDir
  Path dataDir;

  @Test
  void brokerKeepsItsTopicsAcrossARestartAndTheRegistryAnswersOverHttp() throws Exception {
    int port = FreePort.pick("localhost");
    String bootstrap = "localhost:" + port;
    String[] brokerArgs = {"broker", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)};

    try (TwlbProcess broker = TwlbProcess.start(brokerArgs)) {
      assertThat(broker.awaitLine("Kafka broker ready", START)).contains(bootstrap);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(Set.of(new NewTopic("survives-restart", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
      }
      broker.stop(STOP);
      assertThat(broker.output()).anyMatch(line -> line.contains("stopped"));
    }
    assertThat(Files.exists(dataDir.resolve("meta.properties"))).isTrue();

    try (TwlbProcess broker = TwlbProcess.start(brokerArgs)) {
      broker.awaitLine("Kafka broker ready", START);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("survives-restart");
      }

      int registryPort = FreePort.pick("localhost");
      try (TwlbProcess registry = TwlbProcess.start("registry", "--bootstrap-servers", bootstrap,
          "--port", Integer.toString(registryPort))) {
        assertThat(registry.awaitLine("Schema registry ready", START)).contains("http://localhost:" + registryPort);
        String url = "http://localhost:" + registryPort;
        assertThat(SchemaRegistryIT.httpPost(url + "/subjects/kcat-value/versions", "{\"schema\":\"\\\"string\\\"\"}").body())
            .isEqualTo("{\"id\":1}");
        assertThat(SchemaRegistryIT.httpGet(url + "/subjects").body()).isEqualTo("[\"kcat-value\"]");
        registry.stop(STOP);
      }
      broker.stop(STOP);
    }
  }
}
