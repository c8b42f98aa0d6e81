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
  void rangesStandForTheNodesOfANodeHost() {
    var nodes = NodeList.parse("node-1..3=http://host-1:7001,node-4..5=http://host-2:7001,node-6=http://h:9");
    assertThat(nodes).extracting(NodeAddress::id).containsExactly("node-1", "node-2", "node-3", "node-4", "node-5", "node-6");
    assertThat(nodes).extracting(NodeAddress::host).containsExactly("host-1", "host-1", "host-1", "host-2", "host-2", "h");
    assertThat(nodes).extracting(NodeAddress::port).containsExactly(7001, 7002, 7003, 7001, 7002, 9);
  }

  @Test
  void badRangesSayWhy() {
    assertThatThrownBy(() -> NodeList.parse("node-3..2=http://h:1")).hasMessageContaining("1 <= A <= B");
    assertThatThrownBy(() -> NodeList.parse("node-0..2=http://h:1")).hasMessageContaining("1 <= A <= B");
    assertThatThrownBy(() -> NodeList.parse("n-1..2=http://h:1")).hasMessageContaining("node-A..B");
    assertThatThrownBy(() -> NodeList.parse("node-1..10=http://h:65530")).hasMessageContaining("valid TCP ports");
    assertThatThrownBy(() -> NodeList.parse("node-1..3=http://h:1,node-3=http://h:9")).hasMessageContaining("'node-3' is given twice");
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
