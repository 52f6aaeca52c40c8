package dev.modelport.registry.alias;

import dev.modelport.registry.model.ModelName;

/** An alias name such as {@code champion}; same rules as {@link ModelName}. */
public record AliasName(String value) {
  public AliasName {
    ModelName.check("alias", value);
  }

  @Override
  public String toString() {
    return value;
  }
}
