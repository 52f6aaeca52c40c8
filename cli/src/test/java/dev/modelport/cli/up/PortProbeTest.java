package dev.modelport.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortProbeTest {

  @Test
  void aPortIsTakenWhileSomethingListensOnLoopbackAndFreeAfterwards() throws IOException {
    int port;
    try (ServerSocket listener = new ServerSocket()) {
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      port = listener.getLocalPort();

      assertThat(PortProbe.isFree(port)).isFalse();
    }
    assertThat(PortProbe.isFree(port)).isTrue();
  }
}
