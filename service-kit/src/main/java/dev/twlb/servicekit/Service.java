package dev.twlb.servicekit;

import java.util.concurrent.CompletionStage;

/**
 * A long-running service. Besides stopping cleanly it says when its work has died under it (a loop that threw, a
 * stream that went to ERROR, records that cannot be delivered), so whoever runs it can stop with the reason
 * instead of serving a /metrics endpoint over nothing.
 */
public interface Service extends AutoCloseable {
  /** Completes with the cause once the service can no longer do its work; never while it works. */
  CompletionStage<Throwable> failure();

  /** How a service's failure is said on one line: the error's own message, and its cause's when that says more. */
  static String describe(Throwable error) {
    String text = error.getMessage() != null ? error.getMessage() : error.toString();
    Throwable cause = error.getCause();
    return cause != null && cause.getMessage() != null && !text.contains(cause.getMessage()) ? text + ": " + cause.getMessage() : text;
  }
}
