package dev.modelport.registry.version;

import dev.modelport.registry.error.InvalidInputException;

/** A version number: 1, 2, 3, ... per model. */
public record VersionNumber(int value) {
  public VersionNumber {
    if (value < 1) {
      throw new InvalidInputException("version", "must be a positive integer");
    }
  }

  /** Parses a path segment. */
  public static VersionNumber parse(String text) {
    try {
      return new VersionNumber(Integer.parseInt(text));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("version", "must be a positive integer, got '" + text + "'");
    }
  }

  @Override
  public String toString() {
    return Integer.toString(value);
  }
}
