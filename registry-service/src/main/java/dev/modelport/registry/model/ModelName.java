package dev.modelport.registry.model;

import dev.modelport.registry.api.ResourceNames;

/**
 * A registered model's name: {@code [a-z0-9][a-z0-9._-]{0,63}} ({@link ResourceNames}). No slash,
 * no leading dot, at most 64 characters, so a name can never address anything outside its own
 * records.
 */
public record ModelName(String value) {

  public ModelName {
    check("model", value);
  }

  /** Validates a name for {@code field}, or throws an {@code InvalidInputException} naming it. */
  public static void check(String field, String value) {
    ResourceNames.check(field, value);
  }

  @Override
  public String toString() {
    return value;
  }
}
