package dev.modelport.registry.api;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.registry.error.InvalidInputException;

/** Parses path parameters into value types; a malformed one is a 400 naming the parameter. */
public final class PathParams {
  private PathParams() {}

  /**
   * The {@code {version}} of a path, such as {@code 3}.
   *
   * @throws InvalidInputException on field {@code version} when it is not a positive integer
   */
  public static VersionNumber version(String text) {
    try {
      return VersionNumber.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("version", e.getMessage());
    }
  }
}
