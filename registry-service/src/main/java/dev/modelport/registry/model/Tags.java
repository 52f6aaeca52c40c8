package dev.modelport.registry.model;

import dev.modelport.registry.error.InvalidInputException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation of string tags on models and versions: keys {@code [A-Za-z0-9][A-Za-z0-9._/-]{0,127}},
 * values up to 512 characters.
 */
public final class Tags {
  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,127}");

  private Tags() {}

  /** Throws an {@link InvalidInputException} naming {@code field.key} for the first bad tag. */
  public static Map<String, String> check(String field, Map<String, String> tags) {
    if (tags.size() > 100) {
      throw new InvalidInputException(field, "at most 100 tags");
    }
    tags.forEach(
        (key, value) -> {
          if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException(
                field + "." + key, "tag key must match [A-Za-z0-9][A-Za-z0-9._/-]{0,127}");
          }
          if (value == null || value.length() > 512) {
            throw new InvalidInputException(
                field + "." + key, "tag value is required and at most 512 characters");
          }
        });
    return tags;
  }

  /** Checks a free-text description. */
  public static String checkDescription(String field, String description) {
    if (description != null && description.length() > 4000) {
      throw new InvalidInputException(field, "at most 4000 characters");
    }
    return description;
  }
}
