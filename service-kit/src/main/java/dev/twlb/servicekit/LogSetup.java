package dev.twlb.servicekit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;

/**
 * The logging of every {@code twlb} process, set up in code: one line per event on stderr, the libraries' chatter at
 * WARN, the rest at {@code TWLB_LOG_LEVEL} (default INFO). In code rather than a {@code logback.xml}: reading XML
 * loads about 370 classes (logback's Joran and an XML parser) into each of the fifteen node processes. A
 * {@code logback.xml} or {@code logback-test.xml} on the class path, or {@code -Dlogback.configurationFile}, still
 * wins: this then steps aside.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {
  static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n";
  static final List<String> QUIET = List.of("org.apache.kafka", "kafka", "state.change.logger", "io.vertx", "io.netty",
      "org.apache.parquet", "org.apache.hadoop");

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    ClassLoader loader = LogSetup.class.getClassLoader();
    if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
        || loader.getResource("logback.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    configure(context, System.getenv("TWLB_LOG_LEVEL"));
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** Sets {@code context} up as described above, the rest at {@code level} (INFO when null or not a level). */
  static void configure(LoggerContext context, String level) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName("ERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(encoder);
    stderr.start();
    QUIET.forEach(name -> context.getLogger(name).setLevel(Level.WARN));
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(level, Level.INFO));
    root.addAppender(stderr);
  }
}
