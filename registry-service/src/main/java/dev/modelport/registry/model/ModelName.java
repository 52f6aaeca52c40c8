package dev.modelport.registry.model;

import dev.modelport.registry.error.InvalidInputException;
import java.util.regex.Pattern;

/**
 * A registered model's name: {@code [a-z0-9][a-z0-9._-]{0,63}}. No slash, no leading dot, at most
 * 64 characters, so a name can never address anything outside its own records.
 */
public record ModelName(String value) {
  /** The pattern shared by model and alias names. */
  public static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public ModelName {
    check("model", value);
  }

  /** Validates a name for {@code field}, or throws an {@link InvalidInputException} naming it. */
  public static void check(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new InvalidInputException(field, "name is required");
    }
    if (value.length() > 64) {
      throw new InvalidInputException(field, "name is longer than 64 characters");
    }
    if (!PATTERN.matcher(value).matches()) {
      throw new InvalidInputException(field, "name must match [a-z0-9][a-z0-9._-]{0,63}");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
