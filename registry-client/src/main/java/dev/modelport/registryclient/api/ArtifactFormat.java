package dev.modelport.registryclient.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Serialised model format of an artifact. */
public enum ArtifactFormat {
  ONNX,
  TORCHSCRIPT;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code onnx} or {@code torchscript}, case-insensitively. */
  @JsonCreator
  public static ArtifactFormat of(String value) {
    for (ArtifactFormat format : values()) {
      if (format.wireName().equalsIgnoreCase(value)) {
        return format;
      }
    }
    throw new IllegalArgumentException("format must be onnx or torchscript, got '" + value + "'");
  }
}
