package dev.twlb.lb.balancer;

import dev.twlb.schemas.Outcome;
import dev.twlb.schemas.cluster.NodeAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/** How the balancer picks a node for each request. Implementations are thread-safe. */
public interface Strategy {

  NodeAddress pick();

  /** The node for a retry, other than {@code failed} where the strategy can tell; strategies that cannot may pick it again. */
  default NodeAddress pickOtherThan(NodeAddress failed) {
    return pick();
  }

  /**
   * Asked once per client request: a node to send a copy of it to, only to learn whether that node has recovered (its
   * answer reaches no client), or null for none.
   */
  default NodeAddress probe() {
    return null;
  }

  /** A request to {@code node} ended with {@code outcome} after {@code latencyMs} as the balancer saw it. */
  default void finished(NodeAddress node, Outcome outcome, double latencyMs) {}

  /** A detector's verdict on a recent window of {@code nodeId}: {@code faulty} (or not) with confidence {@code score}. */
  default void verdict(String nodeId, boolean faulty, double score) {}

  /** The strategy names {@code --strategy} accepts. */
  enum Name {
    ROUND_ROBIN("round-robin"), RANDOM("random"), LEAST_OUTSTANDING("least-outstanding"), P2C_EWMA("p2c-ewma"),
    OUTLIER_EJECTION("outlier-ejection"), TRUST_WEIGHTED("trust-weighted");

    private final String text;

    Name(String text) {
      this.text = text;
    }

    public static Name of(String text) {
      return Arrays.stream(values()).filter(n -> n.text.equals(text)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("unknown strategy '" + text + "'; known: " + known()));
    }

    public static String known() {
      return Arrays.stream(values()).map(n -> n.text).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
      return text;
    }
  }

  static Strategy create(Name name, List<NodeAddress> nodes, RandomGenerator random) {
    return create(name, nodes, random, OutlierEjection.Settings.ENVOY);
  }

  static Strategy create(Name name, List<NodeAddress> nodes, RandomGenerator random, OutlierEjection.Settings outlier) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a balancer needs at least one node");
    }
    List<NodeAddress> fixed = List.copyOf(nodes);
    return switch (name) {
      case ROUND_ROBIN -> new RoundRobin(fixed);
      case RANDOM -> new RandomPick(fixed, random);
      case LEAST_OUTSTANDING -> new LeastOutstanding(fixed);
      case P2C_EWMA -> new PeakEwma(fixed, random, System::nanoTime);
      case OUTLIER_EJECTION -> new OutlierEjection(fixed, outlier, System::nanoTime);
      case TRUST_WEIGHTED -> new TrustWeighted(fixed, random, System::nanoTime);
    };
  }

  /** The prototype's strategy: each node in turn. */
  final class RoundRobin implements Strategy {
    private final List<NodeAddress> nodes;
    private final AtomicLong next = new AtomicLong();

    RoundRobin(List<NodeAddress> nodes) {
      this.nodes = nodes;
    }

    @Override
    public NodeAddress pick() {
      return nodes.get((int) (next.getAndIncrement() % nodes.size()));
    }

    @Override
    public NodeAddress pickOtherThan(NodeAddress failed) {
      NodeAddress node = pick();
      return node.equals(failed) && nodes.size() > 1 ? pick() : node; // concurrent requests can bring it round again
    }
  }

  /** A node drawn at random. */
  final class RandomPick implements Strategy {
    private final List<NodeAddress> nodes;
    private final NodeIndex index;
    private final RandomGenerator random;

    RandomPick(List<NodeAddress> nodes, RandomGenerator random) {
      this.nodes = nodes;
      this.index = new NodeIndex(nodes);
      this.random = random;
    }

    @Override
    public NodeAddress pick() {
      return nodes.get(random.nextInt(nodes.size()));
    }

    @Override
    public NodeAddress pickOtherThan(NodeAddress failed) {
      int i = index.of(failed);
      if (i < 0 || nodes.size() == 1) {
        return pick();
      }
      int other = random.nextInt(nodes.size() - 1);
      return nodes.get(other >= i ? other + 1 : other);
    }
  }

  /** The node with the fewest requests in flight; ties go round-robin so load still spreads. */
  final class LeastOutstanding implements Strategy {
    private final List<NodeAddress> nodes;
    private final AtomicInteger[] outstanding;
    private final NodeIndex index;
    private final AtomicLong rotation = new AtomicLong();

    LeastOutstanding(List<NodeAddress> nodes) {
      this.nodes = nodes;
      this.index = new NodeIndex(nodes);
      this.outstanding = new AtomicInteger[nodes.size()];
      Arrays.setAll(outstanding, i -> new AtomicInteger());
    }

    @Override
    public synchronized NodeAddress pick() {
      int start = (int) (rotation.getAndIncrement() % nodes.size());
      int best = start;
      for (int k = 1; k < nodes.size(); k++) {
        int i = (start + k) % nodes.size();
        if (outstanding[i].get() < outstanding[best].get()) {
          best = i;
        }
      }
      outstanding[best].incrementAndGet();
      return nodes.get(best);
    }

    @Override
    public void finished(NodeAddress node, Outcome outcome, double latencyMs) {
      int i = index.of(node);
      if (i >= 0) {
        outstanding[i].decrementAndGet();
      }
    }
  }
}
