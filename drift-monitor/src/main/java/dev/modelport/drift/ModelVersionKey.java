package dev.modelport.drift;

import java.util.Objects;

/**
 * A model version as named in inference events and the registry: the registered model name and the
 * version number as a decimal string. Immutable value; validates itself.
 */
public record ModelVersionKey(String model, String version) implements Comparable<ModelVersionKey> {

  public ModelVersionKey {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(version, "version");
    if (model.isBlank()) {
      throw new IllegalArgumentException("model name is blank");
    }
    if (version.isEmpty()
        || !version.chars().allMatch(Character::isDigit)
        || version.length() > 9) {
      throw new IllegalArgumentException(
          "version must be a positive decimal number, got '" + version + "'");
    }
  }

  /** The version as a number. */
  public int versionNumber() {
    return Integer.parseInt(version);
  }

  @Override
  public int compareTo(ModelVersionKey o) {
    int c = model.compareTo(o.model);
    return c != 0 ? c : Integer.compare(versionNumber(), o.versionNumber());
  }

  @Override
  public String toString() {
    return model + "/" + version;
  }
}
