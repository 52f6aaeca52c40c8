package dev.modelport.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A named feature carried by one column of a tensor's last dimension. Immutable.
 *
 * <p>JSON and YAML accept two forms: an object {@code {"name": "age", "type": "numeric"}} (the
 * registry's form) or a bare name {@code "age"} ({@code model.yaml}'s form), which is numeric
 * unless its tensor is marked {@code categorical: true}.
 *
 * @param name the column's name, as in the training CSV's header
 * @param type numeric or categorical; null means numeric
 */
public record Feature(String name, FeatureType type) {

  public Feature {
    type = type == null ? FeatureType.NUMERIC : type;
  }

  /** A numeric feature. */
  public static Feature numeric(String name) {
    return new Feature(name, FeatureType.NUMERIC);
  }

  /** A categorical feature. */
  public static Feature categorical(String name) {
    return new Feature(name, FeatureType.CATEGORICAL);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static Feature ofName(String name) {
    return new Feature(name, FeatureType.NUMERIC);
  }

  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  static Feature ofObject(
      @JsonProperty("name") String name, @JsonProperty("type") FeatureType type) {
    return new Feature(name, type);
  }
}
