package dev.modelport.cli.up;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Tells whether a TCP port can be listened on, by binding it on all interfaces (as the services do)
 * for a moment. A port in TIME_WAIT counts as free, as it does for the services (SO_REUSEADDR).
 * Cost: one bind and close.
 */
public final class PortProbe {

  private PortProbe() {}

  /** Whether nothing listens on {@code port} (any interface). */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
