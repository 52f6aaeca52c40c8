package dev.modelport.registryclient;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds a {@code multipart/form-data} body whose file parts stream from their source: memory use
 * does not depend on the file sizes. Not thread-safe; build once per request.
 */
final class MultipartBody {
  private final String boundary = "modelport-" + UUID.randomUUID();
  private final List<BodyPublisher> parts = new ArrayList<>();

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** A form field without a file name (kept in memory by the server; keep it small). */
  MultipartBody field(String name, String contentType, String value) {
    parts.add(
        text(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"\r\n"
                + "Content-Type: "
                + contentType
                + "\r\n\r\n"
                + value
                + "\r\n"));
    return this;
  }

  /** A file part whose bytes are read from {@code content} when the body is sent. */
  MultipartBody file(
      String name, String fileName, String contentType, Supplier<InputStream> content) {
    parts.add(
        text(
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\""
                + name
                + "\"; filename=\""
                + fileName.replace("\"", "")
                + "\"\r\nContent-Type: "
                + contentType
                + "\r\n\r\n"));
    parts.add(BodyPublishers.ofInputStream(content));
    parts.add(text("\r\n"));
    return this;
  }

  BodyPublisher publisher() {
    List<BodyPublisher> all = new ArrayList<>(parts);
    all.add(text("--" + boundary + "--\r\n"));
    return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
  }

  private static BodyPublisher text(String s) {
    return BodyPublishers.ofByteArray(s.getBytes(StandardCharsets.UTF_8));
  }
}
