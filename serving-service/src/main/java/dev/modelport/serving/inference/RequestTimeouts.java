package dev.modelport.serving.inference;

import dev.modelport.serving.error.InvalidRequestException;
import java.util.Optional;

/**
 * The {@code timeout} request parameter, read the same way by both edges: a whole number of
 * microseconds (Triton's unit), {@code 0} for no timeout; negative numbers, fractions and anything
 * else are refused. A gRPC call's deadline bounds the request as well: the smaller of the two wins.
 */
public final class RequestTimeouts {

  /** The parameter's name. */
  public static final String PARAMETER = "timeout";

  private RequestTimeouts() {}

  /**
   * The timeout in microseconds from the decoded parameter value (a JSON number or numeric string,
   * a gRPC int64 or string parameter), or empty when {@code value} is null (not given).
   *
   * @throws InvalidRequestException when it is not a whole number of microseconds >= 0
   */
  public static Optional<Long> micros(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    long micros;
    if (value instanceof Long l) {
      micros = l;
    } else if (value instanceof Integer i) {
      micros = i;
    } else if (value instanceof Number n
        && !Double.isInfinite(n.doubleValue())
        && n.doubleValue() == Math.rint(n.doubleValue())) {
      micros = n.longValue();
    } else if (value instanceof String s && s.trim().matches("-?\\d{1,18}")) {
      micros = Long.parseLong(s.trim());
    } else {
      throw new InvalidRequestException(
          "request: parameter 'timeout' must be a whole number of microseconds, got " + value);
    }
    if (micros < 0) {
      throw new InvalidRequestException(
          "request: parameter 'timeout' must be >= 0 microseconds (0: no timeout), got " + micros);
    }
    return Optional.of(micros);
  }

  /**
   * The timeout that bounds a request: the parameter's, the call deadline's remaining time, or the
   * smaller of both when both are given ({@code 0} in the parameter means none of its own).
   */
  public static Optional<Long> bounded(Optional<Long> parameter, Optional<Long> deadlineMicros) {
    if (deadlineMicros.isEmpty()) {
      return parameter;
    }
    long remaining = Math.max(1, deadlineMicros.get());
    return Optional.of(
        parameter.filter(v -> v > 0).map(v -> Math.min(v, remaining)).orElse(remaining));
  }
}
