package dev.twlb.schemas.cluster;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The cluster's nodes, given either explicitly ({@code node-1=http://host:port,...}), as ranges of a
 * node host ({@code node-1..250=http://host-1:7001}: node-1 at port 7001, node-250 at 7250), or as a
 * count and a base port ({@code node-1} at base port, {@code node-2} at base port + 1, ...).
 */
public final class NodeList {
  /** How many nodes a cluster has unless told otherwise: the prototype's fifteen. */
  public static final int DEFAULT_NODES = 15;
  private static final Pattern RANGE = Pattern.compile("node-(\\d{1,6})\\.\\.(\\d{1,6})");

  private NodeList() {}

  /**
   * Parses {@code node-1=http://host:port,node-2=...}, where an entry {@code node-A..B=http://host:P} stands for
   * node-A to node-B on consecutive ports from P; throws {@link IllegalArgumentException} saying which entry is wrong.
   */
  public static List<NodeAddress> parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("the node list is empty; give NAME=http://HOST:PORT[,...]");
    }
    List<NodeAddress> nodes = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String entry : spec.split(",")) {
      String trimmed = entry.trim();
      int eq = trimmed.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("node entry '" + trimmed + "' is not NAME=http://HOST:PORT");
      }
      String name = trimmed.substring(0, eq);
      URI url = parseUrl(trimmed, trimmed.substring(eq + 1));
      for (NodeAddress node : name.contains("..") ? range(trimmed, name, url) : List.of(new NodeAddress(name, url))) {
        if (!ids.add(node.id())) {
          throw new IllegalArgumentException("node '" + node.id() + "' is given twice");
        }
        nodes.add(node);
      }
    }
    return List.copyOf(nodes);
  }

  /** {@code node-A..B} at {@code url}'s port and the ports after it. */
  private static List<NodeAddress> range(String entry, String name, URI url) {
    Matcher m = RANGE.matcher(name);
    if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1))) {
      throw new IllegalArgumentException("node entry '" + entry + "': a range is node-A..B with 1 <= A <= B");
    }
    int first = Integer.parseInt(m.group(1));
    int last = Integer.parseInt(m.group(2));
    if (url.getPort() + last - first > 65535) {
      throw new IllegalArgumentException("node entry '" + entry + "': ports " + url.getPort() + ".."
          + (url.getPort() + last - first) + " are not all valid TCP ports");
    }
    return IntStream.rangeClosed(first, last).mapToObj(i -> new NodeAddress(nodeId(i),
        URI.create(url.getScheme() + "://" + url.getHost() + ":" + (url.getPort() + i - first) + url.getRawPath()))).toList();
  }

  /** {@code count} nodes named {@code node-1..node-N} on {@code host}, at consecutive ports from {@code basePort}. */
  public static List<NodeAddress> numbered(int count, String host, int basePort) {
    if (count < 1) {
      throw new IllegalArgumentException("node count must be at least 1, got " + count);
    }
    if (basePort < 1 || basePort + count - 1 > 65535) {
      throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + count - 1) + " are not all valid TCP ports");
    }
    return IntStream.rangeClosed(1, count)
        .mapToObj(i -> new NodeAddress(nodeId(i), URI.create("http://" + host + ":" + (basePort + i - 1))))
        .toList();
  }

  /** The id of the i-th node (from 1), as the prototype named them. */
  public static String nodeId(int i) {
    return "node-" + i;
  }

  private static URI parseUrl(String entry, String text) {
    try {
      URI url = URI.create(text);
      if (!"http".equals(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
        throw new IllegalArgumentException("not http://HOST:PORT");
      }
      return url;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("node entry '" + entry + "': '" + text + "' is not http://HOST:PORT");
    }
  }
}
