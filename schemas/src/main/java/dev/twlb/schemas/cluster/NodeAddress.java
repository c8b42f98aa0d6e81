package dev.twlb.schemas.cluster;

import java.net.URI;

/** A backend node: its id (the Kafka key everywhere) and the base URL of its HTTP service. */
public record NodeAddress(String id, URI baseUrl) {

  public String host() {
    return baseUrl.getHost();
  }

  public int port() {
    return baseUrl.getPort();
  }
}
