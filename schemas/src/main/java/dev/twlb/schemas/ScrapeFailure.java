package dev.twlb.schemas;

/** The kinds of failed scrape a {@code MetricSample}'s {@code down_reason} starts with, before {@code ": details"}. */
public enum ScrapeFailure {
  /** Nothing listened: the node's process was down or its listener closed. */
  REFUSED("refused"),
  TIMEOUT("timeout"),
  MALFORMED("malformed exposition"),
  FAILED("failed");

  private final String prefix;

  ScrapeFailure(String prefix) {
    this.prefix = prefix;
  }

  /** {@code "<kind>: <details>"}, as it goes into {@code down_reason}. */
  public String reason(String details) {
    return prefix + ": " + details;
  }

  /** The part of a {@code down_reason} before its details ({@code "refused"}, ...), or all of it when it has none. */
  public static String kindOf(String downReason) {
    int colon = downReason.indexOf(':');
    return colon < 0 ? downReason : downReason.substring(0, colon);
  }

  public static boolean isRefused(String downReason) {
    return downReason != null && downReason.startsWith(REFUSED.prefix + ":");
  }
}
