package dev.modelport.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1, for services a test starts. The ports of one call are distinct
 * (their sockets are held until all are chosen); another process may still take one before the
 * service binds it, which a test sees as a start-up failure naming the port.
 */
public final class FreePorts {

  private FreePorts() {}

  /** One free port on 127.0.0.1. */
  public static int next() {
    return next(1)[0];
  }

  /** {@code count} distinct free ports on 127.0.0.1. */
  public static int[] next(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket s : sockets) {
        if (s != null) {
          try {
            s.close();
          } catch (IOException ignored) {
            // closing a probe socket cannot lose anything
          }
        }
      }
    }
  }
}
