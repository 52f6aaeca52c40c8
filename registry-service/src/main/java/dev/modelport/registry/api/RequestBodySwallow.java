package dev.modelport.registry.api;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what is left of a refused request body, up to {@link #LIMIT} bytes, before the
 * error answer goes out. A client that writes its whole body before reading (curl, Apache
 * HttpClient, most SDKs) would otherwise get a broken pipe or a connection reset instead of the 413
 * or 400 that explains the refusal. Past the limit the rest is not read and the connection is
 * closed, so an oversized body costs the server at most {@link #LIMIT} more bytes (Tomcat's {@code
 * maxSwallowSize} works the same way).
 */
public final class RequestBodySwallow {

  /** Most bytes read after a refusal: 4 MiB. */
  public static final long LIMIT = 4L << 20;

  private RequestBodySwallow() {}

  /** Discards up to {@link #LIMIT} bytes of {@code body}; failures to read are ignored. */
  public static void discardRest(InputStream body) {
    byte[] buffer = new byte[64 * 1024];
    long left = LIMIT;
    try {
      while (left > 0) {
        int n = body.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          return;
        }
        left -= n;
      }
    } catch (IOException | RuntimeException e) {
      // the client went away or the body broke off: nothing left to swallow
    }
  }
}
