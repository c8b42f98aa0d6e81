package dev.twlb.servicekit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable ids for Kafka's static group membership. A consumer restarted with the id it had takes its partitions back
 * at once, instead of waiting out its dead predecessor's session (45 s by default) and a rebalance. The id is derived
 * from what makes an instance itself: the host and the directory it writes (its data or state directory), so a
 * restart finds the same id with no setting, and two instances that write different directories never share one.
 */
public final class InstanceIds {
  /** The setting that asks for dynamic membership instead (the group waits for a dead member's session to end). */
  public static final String DYNAMIC = "dynamic";

  private InstanceIds() {}

  /** {@code <service>-<host>-<hash of the directory and group>}, e.g. {@code sink-lab7-3f09a1c2}. */
  public static String stable(String service, Path directory, String group) {
    return service + "-" + host() + "-" + hash(directory.toAbsolutePath().normalize() + "\n" + group);
  }

  /**
   * The id a service runs with: {@code configured} when one is given, {@code null} (dynamic membership) when it is
   * {@link #DYNAMIC}, and otherwise the stable one.
   */
  public static String resolve(String configured, String service, Path directory, String group) {
    if (configured == null || configured.isBlank()) {
      return stable(service, directory, group);
    }
    return configured.equals(DYNAMIC) ? null : configured;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "_");
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
