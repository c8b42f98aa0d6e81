package dev.twlb.schemas;

/**
 * Why the balancer sent an attempt, as {@code RequestEvent.attempt} spells it. A string on the wire (as fault types
 * are), so a reader needs no generated class for it and records written before the field existed read as REQUEST.
 */
public enum Attempt {
  /** A client's request, sent where the strategy chose. */
  REQUEST,
  /** A copy of a client's request sent to a distrusted node, only to learn whether it recovered; no client gets its answer. */
  PROBE,
  /** Another try of a client's request after a failed attempt ({@code retry_of} names it). */
  RETRY;

  public static Attempt of(RequestEvent event) {
    return valueOf(event.getAttempt());
  }
}
