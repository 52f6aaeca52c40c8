package dev.modelport.protocol.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Statistical type of an input feature: how drift is measured on it. */
public enum FeatureType {
  NUMERIC,
  CATEGORICAL;

  /** The JSON and YAML form: {@code numeric} or {@code categorical}. */
  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code numeric} or {@code categorical}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the value and the accepted ones
   */
  @JsonCreator
  public static FeatureType of(String value) {
    for (FeatureType type : values()) {
      if (type.wireName().equalsIgnoreCase(value)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "feature type must be numeric or categorical, got '" + value + "'");
  }
}
