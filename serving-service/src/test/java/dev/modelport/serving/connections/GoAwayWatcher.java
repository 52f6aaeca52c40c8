package dev.modelport.serving.connections;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An idle HTTP/2 (prior knowledge, plaintext) connection to a gRPC port that reports the first
 * GOAWAY frame the server sends on it, with its error code; it answers the server's SETTINGS and
 * PING frames as a client must, so that a graceful shutdown's ping round trip completes. Runs on a
 * thread of its own until the connection ends.
 */
final class GoAwayWatcher implements AutoCloseable {

  private static final int SETTINGS = 0x4;
  private static final int PING = 0x6;
  private static final int GOAWAY = 0x7;
  private static final int ACK = 0x1;

  private final Socket socket = new Socket();
  private final CompletableFuture<Long> goAwayErrorCode = new CompletableFuture<>();

  /** Connects and exchanges the connection preface; the watch starts at once. */
  static GoAwayWatcher connect(int port) throws IOException {
    GoAwayWatcher watcher = new GoAwayWatcher();
    watcher.socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    OutputStream out = watcher.socket.getOutputStream();
    out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    writeFrame(out, SETTINGS, 0, new byte[0]);
    Thread reader = new Thread(watcher::readFrames, "goaway-watcher");
    reader.setDaemon(true);
    reader.start();
    return watcher;
  }

  /** Completes with the GOAWAY's error code (0 is NO_ERROR, a graceful shutdown). */
  CompletableFuture<Long> goAway() {
    return goAwayErrorCode;
  }

  private void readFrames() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        in.readInt(); // stream id
        byte[] payload = in.readNBytes(length);
        if (type == GOAWAY) {
          long code =
              ((payload[4] & 0xffL) << 24)
                  | ((payload[5] & 0xffL) << 16)
                  | ((payload[6] & 0xffL) << 8)
                  | (payload[7] & 0xffL);
          goAwayErrorCode.complete(code);
          continue; // goes on answering PINGs, as a client does until the connection closes
        }
        synchronized (this) {
          if (type == SETTINGS && (flags & ACK) == 0) {
            writeFrame(out, SETTINGS, ACK, new byte[0]);
          } else if (type == PING && (flags & ACK) == 0) {
            writeFrame(out, PING, ACK, payload);
          }
        }
      }
    } catch (IOException e) {
      // after a GOAWAY this is the server closing the connection, which completes nothing
      goAwayErrorCode.completeExceptionally(
          new IOException("the connection ended without a GOAWAY: " + e, e));
    }
  }

  private static void writeFrame(OutputStream out, int type, int flags, byte[] payload)
      throws IOException {
    byte[] header = {
      (byte) (payload.length >>> 16),
      (byte) (payload.length >>> 8),
      (byte) payload.length,
      (byte) type,
      (byte) flags,
      0,
      0,
      0,
      0
    };
    out.write(header);
    out.write(payload);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
