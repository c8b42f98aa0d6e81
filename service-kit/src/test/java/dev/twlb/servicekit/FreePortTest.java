package dev.twlb.servicekit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {
  @Test
  void consecutivePortsAreFreeAndBelowTheEphemeralRange() throws Exception {
    int base = FreePort.pickRange("localhost", 6);
    assertThat(base).isGreaterThanOrEqualTo(FreePort.LOWEST);
    assertThat(base + 5).isLessThan(FreePort.ephemeralStart());
    for (int port = base; port < base + 6; port++) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("localhost", port));
      }
    }
  }
}
