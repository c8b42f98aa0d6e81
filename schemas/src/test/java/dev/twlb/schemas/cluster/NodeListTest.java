package dev.twlb.schemas.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeListTest {

  @Test
  void parsesExplicitNodes() {
    var nodes = NodeList.parse("node-1=http://localhost:7001, node-2=http://10.0.0.2:80");
    assertThat(nodes).extracting(NodeAddress::id).containsExactly("node-1", "node-2");
    assertThat(nodes.get(1).host()).isEqualTo("10.0.0.2");
    assertThat(nodes.get(1).port()).isEqualTo(80);
  }

  @Test
  void numbersNodesFromABasePort() {
    var nodes = NodeList.numbered(3, "localhost", 7001);
    assertThat(nodes).extracting(NodeAddress::id).containsExactly("node-1", "node-2", "node-3");
    assertThat(nodes).extracting(NodeAddress::port).containsExactly(7001, 7002, 7003);
  }

  @Test
  void badEntriesSayWhichOne() {
    assertThatThrownBy(() -> NodeList.parse("node-1=http://h:1,oops")).hasMessageContaining("'oops'");
    assertThatThrownBy(() -> NodeList.parse("node-1=ftp://h:1")).hasMessageContaining("http://HOST:PORT");
    assertThatThrownBy(() -> NodeList.parse("node-1=http://h")).hasMessageContaining("http://HOST:PORT");
    assertThatThrownBy(() -> NodeList.parse("a=http://h:1,a=http://h:2")).hasMessageContaining("twice");
    assertThatThrownBy(() -> NodeList.parse(" ")).hasMessageContaining("empty");
    assertThatThrownBy(() -> NodeList.numbered(0, "h", 1)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> NodeList.numbered(10, "h", 65530)).hasMessageContaining("valid TCP ports");
  }
}
