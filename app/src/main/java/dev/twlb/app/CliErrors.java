package dev.twlb.app;

import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns bad input into one clear line and exit code 2, and a failure while running into one line
 * and exit code 1 (the stack trace goes to the log, not the terminal).
 */
final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {
  static final int USAGE = CommandLine.ExitCode.USAGE;
  static final int FAILURE = CommandLine.ExitCode.SOFTWARE;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    return usageError(ex.getCommandLine(), ex.getMessage());
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
    if (ex instanceof ParameterException || ex instanceof ConfigException) {
      return usageError(cmd, ex.getMessage());
    }
    org.slf4j.LoggerFactory.getLogger(CliErrors.class).debug("command failed", ex);
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
    return FAILURE;
  }

  private static int usageError(CommandLine cmd, String message) {
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println(name + ": " + message + " (see '" + name + " --help')");
    return USAGE;
  }
}
