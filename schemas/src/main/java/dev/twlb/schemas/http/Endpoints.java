package dev.twlb.schemas.http;

/** Where the balancer serves clients, for the services that send it requests (the traffic generator, users). */
public final class Endpoints {
  private Endpoints() {}

  /** The balancer's default port. */
  public static final int BALANCER_PORT = 8080;

  /** The path of the work a node does and the balancer balances (a node answers with a {@link ProcessAnswer}). */
  public static final String PROCESS_PATH = "/process";
}
