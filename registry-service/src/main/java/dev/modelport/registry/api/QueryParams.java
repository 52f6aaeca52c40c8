package dev.modelport.registry.api;

import dev.modelport.registry.error.InvalidInputException;

/**
 * Integer query parameters read as text, so that a non-numeric value is a 400 naming the parameter
 * (JAX-RS answers a query parameter it cannot convert with a bare 404).
 */
public final class QueryParams {
  private QueryParams() {}

  /** {@code value} as an int, null when absent. */
  public static Integer integer(String name, String value) {
    Long parsed = longValue(name, value);
    if (parsed == null) {
      return null;
    }
    if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
      throw new InvalidInputException(name, "must be an integer, got '" + value + "'");
    }
    return parsed.intValue();
  }

  /** {@code value} as a long, null when absent. */
  public static Long longValue(String name, String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
      throw new InvalidInputException(name, "must be an integer, got '" + shown + "'");
    }
  }
}
