package dev.modelport.registry.api;

import dev.modelport.registry.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * The rule for names that appear in paths (models, aliases): {@code [a-z0-9][a-z0-9._-]{0,63}}. No
 * slash, no leading dot, at most 64 characters, so a name can never address anything outside its
 * own records. Stateless.
 */
public final class ResourceNames {
  /** The pattern shared by model and alias names. */
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private ResourceNames() {}

  /**
   * Returns {@code value} when it is a valid name.
   *
   * @throws InvalidInputException naming {@code field} otherwise
   */
  public static String check(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(field, "name is required");
    }
    if (value.length() > 64) {
      throw new InvalidInputException(field, "name is longer than 64 characters");
    }
    if (!PATTERN.matcher(value).matches()) {
      throw new InvalidInputException(field, "name must match [a-z0-9][a-z0-9._-]{0,63}");
    }
    return value;
  }
}
