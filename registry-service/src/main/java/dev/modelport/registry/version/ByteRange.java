package dev.modelport.registry.version;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single satisfiable byte range of an HTTP {@code Range} header (RFC 9110, 14.1.2): {@code
 * bytes=a-b}, {@code bytes=a-} or {@code bytes=-n}. Multiple ranges and malformed headers are
 * ignored (the whole content is sent), as the RFC allows.
 *
 * @param first offset of the first byte
 * @param length number of bytes
 */
public record ByteRange(long first, long length) {
  private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  /** Thrown when a well-formed range lies entirely beyond the content (HTTP 416). */
  public static final class Unsatisfiable extends RuntimeException {
    public Unsatisfiable() {
      super("range not satisfiable", null, false, false);
    }
  }

  /**
   * The range asked for by {@code header} on content of {@code size} bytes, or empty for the whole.
   */
  public static Optional<ByteRange> parse(String header, long size) {
    if (header == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          // RFC 9110: a suffix range of an empty representation is unsatisfiable
          throw new Unsatisfiable();
        }
        long length = Math.min(suffix, size);
        return Optional.of(new ByteRange(size - length, length));
      }
      long first = Long.parseLong(m.group(1));
      long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (first >= size) {
        throw new Unsatisfiable();
      }
      if (last < first) {
        return Optional.empty();
      }
      return Optional.of(new ByteRange(first, last - first + 1));
    } catch (NumberFormatException tooLong) {
      return Optional.empty();
    }
  }

  /** The {@code Content-Range} header value. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + (first + length - 1) + "/" + size;
  }
}
