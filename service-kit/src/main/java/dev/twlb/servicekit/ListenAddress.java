package dev.twlb.servicekit;

import org.apache.kafka.common.config.ConfigDef;

/** How every service's host and port keys are checked, defined once for all of their {@code ConfigDef}s. */
public final class ListenAddress {
  private ListenAddress() {}

  /** A host name or address to listen on ({@code 0.0.0.0}: every interface). */
  public static final ConfigDef.Validator HOST = new ConfigDef.NonEmptyString();
  /** A port to listen on; 0: any free port (tests, a second instance on one machine). */
  public static final ConfigDef.Validator PORT = ConfigDef.Range.between(0, 65535);
  /** A port others are given beforehand (a node's, in the balancer's and the bridge's lists), so never "any". */
  public static final ConfigDef.Validator KNOWN_PORT = ConfigDef.Range.between(1, 65535);
  /** A port, or -1 for an endpoint not served at all. */
  public static final ConfigDef.Validator PORT_OR_NONE = ConfigDef.Range.between(-1, 65535);
}
