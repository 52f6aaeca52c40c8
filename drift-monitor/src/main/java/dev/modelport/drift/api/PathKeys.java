package dev.modelport.drift.api;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.drift.error.InvalidParameterException;

/** The model version named by the {@code {model}} and {@code {version}} path parameters. */
final class PathKeys {

  private PathKeys() {}

  /**
   * The key of {@code model} and {@code version}.
   *
   * @throws InvalidParameterException naming {@code model} or {@code version} when malformed
   */
  static ModelVersionKey modelVersion(String model, String version) {
    if (model == null || model.isBlank()) {
      throw new InvalidParameterException("model", "must not be blank");
    }
    try {
      return new ModelVersionKey(model, version);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(
          "version", "must be a positive whole number, got '" + version + "'");
    }
  }
}
