package dev.twlb.schemas;

/**
 * Timing the topics' consumers rely on. A {@link RequestEvent}'s time is when the balancer sent the request, so a
 * request that times out is published one timeout late: whoever windows request events by event time must wait
 * longer than the balancer's timeout for them.
 */
public final class RequestTiming {
  private RequestTiming() {}

  /** The balancer's default per-request timeout. */
  public static final long BALANCER_TIMEOUT_MS = 5_000;

  /** The default grace of windows over request events: the balancer's timeout and a second for publishing. */
  public static final long WINDOW_GRACE_MS = BALANCER_TIMEOUT_MS + 1_000;
}
