package dev.modelport.registry.api;

import dev.modelport.registry.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part while it arrives: each part's
 * content is a stream that ends at the next boundary, so a large file part goes to its destination
 * without being held in memory or spooled first. Memory use is one 64 KiB buffer.
 *
 * <p>A body that ends before its closing boundary (the client went away half-way) or whose
 * underlying stream fails makes the reads throw {@link RequestBodyException}. Not thread-safe; one
 * request reads it, parts in order ({@link #next()} skips what is left of the previous part).
 */
public final class MultipartStream {
  private static final int BUFFER = 64 * 1024;
  private static final int MAX_HEADERS = 16 * 1024;
  private static final Pattern BOUNDARY =
      Pattern.compile("(?i)boundary=(?:\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
  private static final Pattern PARAM =
      Pattern.compile("(?i);\\s*(name|filename)=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]*))");

  private final InputStream in;
  private final byte[] delimiter;
  private final byte[] buffer;
  private int pos;
  private int limit;
  private boolean eof;
  private boolean finished;
  private boolean brokenOff;
  private PartStream current;

  private MultipartStream(InputStream in, String boundary) {
    this.in = in;
    this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    this.buffer = new byte[BUFFER + delimiter.length];
    // The first boundary has no CRLF before it: pretend it had, so every boundary looks alike.
    buffer[0] = '\r';
    buffer[1] = '\n';
    limit = 2;
  }

  /**
   * A reader of {@code body} with the boundary of {@code contentType}.
   *
   * @throws InvalidInputException on field {@code Content-Type} when it is not multipart/form-data
   *     with a boundary
   */
  public static MultipartStream of(String contentType, InputStream body) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new InvalidInputException("Content-Type", "must be multipart/form-data");
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new InvalidInputException("Content-Type", "multipart/form-data needs a boundary");
    }
    return new MultipartStream(body, m.group(1) != null ? m.group(1) : m.group(2));
  }

  /** One part: its form field name, file name (null for a plain field) and content. */
  public record Part(String name, String fileName, String contentType, InputStream content) {}

  /**
   * The next part, or empty after the closing boundary. The previous part's content is skipped to
   * its end.
   *
   * @throws RequestBodyException when the body breaks off or is malformed
   */
  public Optional<Part> next() throws IOException {
    if (current != null) {
      current.skipToEnd();
      current = null;
    }
    if (finished) {
      return Optional.empty();
    }
    if (!seekDelimiter()) {
      throw new RequestBodyException("the multipart body has no boundary line");
    }
    pos += delimiter.length;
    ensure(2);
    if (limit - pos >= 2 && buffer[pos] == '-' && buffer[pos + 1] == '-') {
      finished = true;
      return Optional.empty();
    }
    String headers = readHeaders();
    String disposition = header(headers, "content-disposition");
    if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
      throw new RequestBodyException("a multipart part has no Content-Disposition: form-data");
    }
    String name = null;
    String fileName = null;
    Matcher p = PARAM.matcher(disposition);
    while (p.find()) {
      String value = p.group(2) != null ? p.group(2).replace("\\\"", "\"") : p.group(3);
      if (p.group(1).equalsIgnoreCase("name")) {
        name = value;
      } else {
        fileName = value;
      }
    }
    if (name == null) {
      throw new RequestBodyException("a multipart part has no name");
    }
    current = new PartStream();
    return Optional.of(new Part(name, fileName, header(headers, "content-type"), current));
  }

  /**
   * Reads and discards the rest of the body, so that an early answer leaves the connection clean.
   */
  public void discardRest() throws IOException {
    current = null;
    while (!eof) {
      pos = limit;
      fill();
    }
    finished = true;
  }

  /**
   * Whether the body ended or failed inside a part: the client went away or cut the upload off (as
   * opposed to a malformed body).
   */
  public boolean brokenOff() {
    return brokenOff;
  }

  /** Whether the closing boundary has been read. */
  public boolean finished() {
    return finished;
  }

  private String readHeaders() throws IOException {
    // the rest of the boundary line (transport padding allowed), then header lines up to an empty
    // one
    StringBuilder headers = new StringBuilder();
    int lineStart = -1;
    while (true) {
      ensure(1);
      if (pos >= limit) {
        throw new RequestBodyException("the multipart body ended inside a part's headers");
      }
      byte b = buffer[pos++];
      headers.append((char) (b & 0xff));
      if (headers.length() > MAX_HEADERS) {
        throw new RequestBodyException("a multipart part's headers exceed 16 KiB");
      }
      int n = headers.length();
      if (n >= 2 && headers.charAt(n - 2) == '\r' && headers.charAt(n - 1) == '\n') {
        if (lineStart < 0) {
          lineStart = n; // end of the boundary line
        } else if (n - 2 == lineStart) {
          return headers.substring(0, n - 2);
        } else {
          lineStart = n;
        }
      }
    }
  }

  private static String header(String headers, String name) {
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return new String(
                line.substring(colon + 1).getBytes(StandardCharsets.ISO_8859_1),
                StandardCharsets.UTF_8)
            .trim();
      }
    }
    return null;
  }

  /** Moves {@code pos} to the next delimiter; false at the end of input without one. */
  private boolean seekDelimiter() throws IOException {
    while (true) {
      int at = indexOfDelimiter();
      if (at >= 0) {
        pos = at;
        return true;
      }
      if (eof) {
        return false;
      }
      pos = Math.max(pos, limit - delimiter.length + 1);
      fill();
    }
  }

  /** Index of the delimiter in the buffered bytes from {@code pos}, or -1. */
  private int indexOfDelimiter() {
    int last = limit - delimiter.length;
    outer:
    for (int i = pos; i <= last; i++) {
      if (buffer[i] != '\r') {
        continue;
      }
      for (int j = 1; j < delimiter.length; j++) {
        if (buffer[i + j] != delimiter[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** Buffers at least {@code n} bytes from {@code pos} unless the input ends first. */
  private void ensure(int n) throws IOException {
    while (limit - pos < n && !eof) {
      fill();
    }
  }

  /** Compacts the buffer and reads more input into it. */
  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buffer, pos, buffer, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buffer.length) {
      return;
    }
    int n;
    try {
      n = in.read(buffer, limit, buffer.length - limit);
    } catch (IOException e) {
      brokenOff = true;
      throw new RequestBodyException("the request body broke off: " + e.getMessage(), e);
    }
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  /** The content of the current part: ends where the next boundary begins. */
  private final class PartStream extends InputStream {
    private boolean ended;

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (ended || current != this) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      while (true) {
        int at = indexOfDelimiter();
        int available;
        if (at >= 0) {
          available = at - pos;
          if (available == 0) {
            ended = true;
            return -1;
          }
        } else {
          // bytes that cannot be the start of a delimiter are safe to hand out
          available = limit - pos - (delimiter.length - 1);
          if (available <= 0) {
            if (eof) {
              brokenOff = true;
              throw new RequestBodyException(
                  "the multipart body ended before its closing boundary (upload cut off?)");
            }
            fill();
            continue;
          }
        }
        int n = Math.min(len, available);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
      }
    }

    void skipToEnd() throws IOException {
      byte[] sink = new byte[8192];
      while (read(sink, 0, sink.length) >= 0) {
        // discard
      }
    }

    @Override
    public void close() {
      // the request owns the underlying stream; unread content is skipped by next()
    }
  }
}
