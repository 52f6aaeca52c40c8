package dev.modelport.protocol.event;

import java.util.Optional;

/**
 * The W3C trace-context {@code traceparent} of a request ({@code 00-<trace id>-<parent span
 * id>-<flags>}), as carried by {@link InferenceEvent#getTraceparent()}. Plain value type with no
 * OpenTelemetry dependency: services map it to their tracing API. Immutable and thread-safe.
 *
 * @param traceId 32 lower-case hex digits, not all zero
 * @param spanId 16 lower-case hex digits, not all zero (the span of the request in that trace)
 * @param sampled the {@code sampled} trace flag (bit 0 of the flags)
 */
public record TraceParent(String traceId, String spanId, boolean sampled) {

  private static final int TRACE_ID_LENGTH = 32;
  private static final int SPAN_ID_LENGTH = 16;

  /** Length of a version 00 header: 2 + 1 + 32 + 1 + 16 + 1 + 2. */
  private static final int LENGTH = 55;

  public TraceParent {
    if (!isId(traceId, TRACE_ID_LENGTH)) {
      throw new IllegalArgumentException(
          "trace id must be 32 lower-case hex digits, not all zero: " + traceId);
    }
    if (!isId(spanId, SPAN_ID_LENGTH)) {
      throw new IllegalArgumentException(
          "span id must be 16 lower-case hex digits, not all zero: " + spanId);
    }
  }

  /**
   * Parses a {@code traceparent} header value. Version {@code 00} must be exactly 55 characters; a
   * later version (not {@code ff}) may carry more after a {@code -}, which is ignored, as the W3C
   * recommendation asks. Upper-case hex, all-zero ids, wrong lengths or separators are rejected.
   *
   * @param value the header value; null or empty gives empty
   * @return the parsed value, or empty when {@code value} is absent or malformed
   */
  public static Optional<TraceParent> parse(String value) {
    if (value == null || value.length() < LENGTH) {
      return Optional.empty();
    }
    String version = value.substring(0, 2);
    if (!isHex(version) || version.equals("ff")) {
      return Optional.empty();
    }
    if (version.equals("00") ? value.length() != LENGTH : !endsField(value, LENGTH)) {
      return Optional.empty();
    }
    if (value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
      return Optional.empty();
    }
    String traceId = value.substring(3, 35);
    String spanId = value.substring(36, 52);
    String flags = value.substring(53, 55);
    if (!isId(traceId, TRACE_ID_LENGTH) || !isId(spanId, SPAN_ID_LENGTH) || !isHex(flags)) {
      return Optional.empty();
    }
    boolean sampled = (Integer.parseInt(flags, 16) & 1) == 1;
    return Optional.of(new TraceParent(traceId, spanId, sampled));
  }

  /**
   * The version 00 header value: {@code 00-<traceId>-<spanId>-01} when sampled, else {@code -00}.
   */
  public String format() {
    return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
  }

  private static boolean endsField(String value, int at) {
    return value.length() == at || value.charAt(at) == '-';
  }

  private static boolean isId(String id, int length) {
    if (id == null || id.length() != length || !isHex(id)) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (id.charAt(i) != '0') {
        return true;
      }
    }
    return false;
  }

  private static boolean isHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
