package dev.twlb.servicekit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks TCP ports that are free right now; used where a port must be known before the server binds it.
 *
 * <p>The ports come from below the system's ephemeral range, never from it: the kernel hands ports of that range to
 * every outgoing connection, so a server that restarts on its port (a crashed node, a restarted broker) could find it
 * taken by a client's connection for as long as that connection lives. Linux gives outgoing connections the even ports
 * of the range first, which made the even-numbered of six consecutive node ports collide often enough to fail a test.
 */
public final class FreePort {
  /** Where Linux's ephemeral range starts by default, and the fallback where it cannot be read. */
  static final int DEFAULT_EPHEMERAL_START = 32768;
  static final int LOWEST = 10_000;
  private static final int TRIES = 500;

  private FreePort() {}

  /** A free port below the ephemeral range. */
  public static int pick(String host) {
    return pickRange(host, 1);
  }

  /** The first of {@code count} consecutive ports that are all free, below the ephemeral range. */
  public static int pickRange(String host, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("count " + count + ": at least one port");
    }
    // A system whose ephemeral range leaves no room below it gets ports from anywhere (and the risk above)
    int ephemeralStart = ephemeralStart();
    int end = ephemeralStart - count > LOWEST ? ephemeralStart : 65_536;
    for (int i = 0; i < TRIES; i++) {
      int base = ThreadLocalRandom.current().nextInt(LOWEST, end - count + 1);
      if (allFree(host, base, count)) {
        return base;
      }
    }
    throw new IllegalStateException("no " + count + " consecutive free ports on " + host + " after " + TRIES + " tries");
  }

  /** Fails with a clear message when {@code port} on {@code host} is already taken. */
  public static void requireFree(String host, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " on " + host + " is already in use", e);
    }
  }

  /** The lowest port the kernel may give an outgoing connection. */
  static int ephemeralStart() {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    try {
      // Not Files.readString: for a file of size 0 (as /proc says) it reads one byte first, and a sysctl file then ends
      return Files.isReadable(range) ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]) : DEFAULT_EPHEMERAL_START;
    } catch (IOException | RuntimeException e) {
      return DEFAULT_EPHEMERAL_START;
    }
  }

  private static boolean allFree(String host, int base, int count) {
    for (int port = base; port < base + count; port++) {
      try {
        requireFree(host, port);
      } catch (IllegalStateException e) {
        return false;
      }
    }
    return true;
  }
}
