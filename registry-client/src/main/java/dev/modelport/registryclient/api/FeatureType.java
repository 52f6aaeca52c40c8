package dev.modelport.registryclient.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Statistical type of an input feature. */
public enum FeatureType {
  NUMERIC,
  CATEGORICAL;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code numeric} or {@code categorical}, case-insensitively. */
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
