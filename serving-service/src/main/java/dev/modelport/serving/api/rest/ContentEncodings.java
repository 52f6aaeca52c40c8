package dev.modelport.serving.api.rest;

import dev.modelport.serving.error.ErrorKind;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.ServingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

/**
 * Request bodies sent with {@code Content-Encoding: gzip} or {@code deflate} (tritonclient's {@code
 * request_compression_algorithm}): decoded before the V2 decoder reads them, up to the body limit
 * (a body that inflates beyond it is 413, so a small compressed body cannot fill the heap). {@code
 * deflate} is the zlib format as HTTP defines it; raw deflate streams, which some clients send, are
 * accepted too.
 */
final class ContentEncodings {

  private ContentEncodings() {}

  /**
   * The decoded body.
   *
   * @param encoding the {@code Content-Encoding} header, null for none
   * @param maxBytes the largest decoded body
   */
  static byte[] decode(String encoding, byte[] body, long maxBytes) {
    if (encoding == null || encoding.isBlank()) {
      return body;
    }
    String e = encoding.trim().toLowerCase(Locale.ROOT);
    try {
      return switch (e) {
        case "identity" -> body;
        case "gzip", "x-gzip" ->
            inflate(new GZIPInputStream(new ByteArrayInputStream(body)), maxBytes);
        case "deflate" -> deflate(body, maxBytes);
        default ->
            throw new InvalidRequestException(
                "request: Content-Encoding '"
                    + encoding
                    + "' is not supported; use gzip or deflate");
      };
    } catch (IOException ex) {
      throw new InvalidRequestException(
          "request: the body is not valid " + e + " data (Content-Encoding: " + encoding + ")");
    }
  }

  private static byte[] deflate(byte[] body, long maxBytes) throws IOException {
    try {
      return inflate(new InflaterInputStream(new ByteArrayInputStream(body)), maxBytes);
    } catch (java.util.zip.ZipException zlib) {
      return inflate(
          new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), maxBytes);
    }
  }

  private static byte[] inflate(InputStream in, long maxBytes) throws IOException {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      long total = 0;
      int n;
      while ((n = in.read(buffer)) > 0) {
        total += n;
        if (total > maxBytes) {
          throw new ServingException(
              ErrorKind.PAYLOAD_TOO_LARGE,
              "request: the decompressed body is larger than "
                  + maxBytes
                  + " bytes (modelport.serving.limits.max-body-size)");
        }
        out.write(buffer, 0, n);
      }
      return out.toByteArray();
    }
  }
}
