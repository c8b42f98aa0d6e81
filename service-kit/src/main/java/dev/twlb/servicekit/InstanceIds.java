package dev.twlb.servicekit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
  /** Where the lock files of {@link #claim} live, inside the shared directory. */
  public static final String SLOTS_FOLDER = ".instances";

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

  /**
   * Like {@link #resolve}, for instances that share one directory (sinks writing one dataset): each running instance
   * holds a lock on a numbered slot in the directory, the lowest free one, and slot n above 0 adds {@code -n} to the
   * stable id. The operating system frees a dead process's lock, so an instance restarted beside a living one takes
   * its own slot, and id, again. Close the claim when the instance stops.
   */
  public static Claim claim(String configured, String service, Path directory, String group) {
    if (configured != null && !configured.isBlank()) {
      return new Claim(resolve(configured, service, directory, group), null);
    }
    Path slots = directory.resolve(SLOTS_FOLDER);
    try {
      Files.createDirectories(slots);
      for (int slot = 0; ; slot++) {
        FileChannel channel = FileChannel.open(slots.resolve(service + "-" + slot + ".lock"), StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
        if (tryLock(channel)) {
          return new Claim(stable(service, directory, group) + (slot == 0 ? "" : "-" + slot), channel);
        }
        channel.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot claim an instance slot in " + slots, e);
    }
  }

  private static boolean tryLock(FileChannel channel) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      return lock != null;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM holds it already: another instance in the same process
    }
  }

  /** An instance id and, for a claimed slot, the lock that holds it until {@link #close()}. */
  public static final class Claim implements AutoCloseable {
    private final String id;
    private final FileChannel lock;

    private Claim(String id, FileChannel lock) {
      this.id = id;
      this.lock = lock;
    }

    /** The {@code group.instance.id}, or null for dynamic membership. */
    public String id() {
      return id;
    }

    @Override
    public void close() {
      try {
        if (lock != null) {
          lock.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
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
