package dev.modelport.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The number of an immutable model version: a positive integer, given by the registry in upload
 * order (or by a {@code model.yaml}'s {@code versions} key). One type end to end: the registry's
 * API and store, the client, serving's routes ({@code /v2/models/m/versions/3}) and drift-monitor's
 * windows. JSON form: a number; path and event form: its decimal string.
 *
 * @param value at least 1
 */
public record VersionNumber(long value) implements Comparable<VersionNumber> {

  public VersionNumber {
    if (value < 1) {
      throw new IllegalArgumentException("a version number is a positive integer, got " + value);
    }
  }

  /** The version {@code value}. */
  @JsonCreator
  public static VersionNumber of(long value) {
    return new VersionNumber(value);
  }

  /**
   * Parses a decimal version number, as it appears in a URL path, an inference event or a selector
   * ({@code version:3}).
   *
   * @throws IllegalArgumentException naming the value when it is not a positive integer
   */
  public static VersionNumber parse(String text) {
    if (text == null
        || text.isEmpty()
        || text.length() > 18
        || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "a version number is a positive integer, got '" + abbreviate(text) + "'");
    }
    return new VersionNumber(Long.parseLong(text));
  }

  /** True when {@link #parse} would accept {@code text}. */
  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @JsonValue
  @Override
  public long value() {
    return value;
  }

  /** The next number: what the registry gives the following upload. */
  public VersionNumber next() {
    return new VersionNumber(Math.addExact(value, 1));
  }

  @Override
  public int compareTo(VersionNumber o) {
    return Long.compare(value, o.value);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }

  private static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }
}
