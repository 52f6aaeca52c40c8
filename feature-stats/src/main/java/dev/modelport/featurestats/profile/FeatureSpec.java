package dev.modelport.featurestats.profile;

import java.util.Objects;

/** One feature of a schema: its name (as in the model signature or CSV header) and its type. */
public record FeatureSpec(String name, FeatureType type) {

  public FeatureSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (name.isBlank()) {
      throw new IllegalArgumentException("feature name must not be blank");
    }
  }

  public static FeatureSpec numeric(String name) {
    return new FeatureSpec(name, FeatureType.NUMERIC);
  }

  public static FeatureSpec categorical(String name) {
    return new FeatureSpec(name, FeatureType.CATEGORICAL);
  }
}
