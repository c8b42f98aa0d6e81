package dev.twlb.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogSetupTest {
  @Test
  void writesOneLinePerEventToStderrWithTheLibrariesAtWarn() {
    LoggerContext context = context();
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      LogSetup.configure(context, null);
      context.getLogger("dev.twlb.nodes.server.NodeServer").info("node-1 serving");
      context.getLogger("org.apache.kafka.clients.Metadata").info("cluster id");
      context.getLogger("org.apache.kafka.clients.Metadata").warn("no leader");
    } finally {
      System.setErr(stderr);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2)
        .anySatisfy(line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  d\\.t\\.n\\.s\\.NodeServer - node-1 serving"))
        .anySatisfy(line -> assertThat(line).endsWith("WARN  o.a.k.c.Metadata - no leader"));
  }

  @Test
  void takesTheRootLevelFromTheEnvironmentSetting() {
    LoggerContext debug = context();
    LogSetup.configure(debug, "DEBUG");
    assertThat(debug.getLogger("dev.twlb").getEffectiveLevel()).isEqualTo(Level.DEBUG);
    assertThat(debug.getLogger("io.netty.channel").getEffectiveLevel()).isEqualTo(Level.WARN);

    LoggerContext unknown = context();
    LogSetup.configure(unknown, "loud");
    assertThat(unknown.getLogger("dev.twlb").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  /** A context as logback's provider makes one (it gives it the MDC adapter). */
  private static LoggerContext context() {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    return context;
  }
}
