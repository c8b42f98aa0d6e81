package dev.twlb.lb.balancer;

import dev.twlb.schemas.cluster.NodeAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where each node stands in a strategy's list, found in constant time (a list's indexOf is linear: 500 nodes, every request). */
final class NodeIndex {
  private final Map<NodeAddress, Integer> byNode = new HashMap<>();
  private final Map<String, Integer> byId = new HashMap<>();

  NodeIndex(List<NodeAddress> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      byNode.put(nodes.get(i), i);
      byId.put(nodes.get(i).id(), i);
    }
  }

  /** The node's position, or -1 when it is not one of the list's. */
  int of(NodeAddress node) {
    return byNode.getOrDefault(node, -1);
  }

  /** The position of the node with this id, or -1. */
  int ofId(String nodeId) {
    return byId.getOrDefault(nodeId, -1);
  }
}
