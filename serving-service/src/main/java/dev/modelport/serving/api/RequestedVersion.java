package dev.modelport.serving.api;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.error.ModelNotFoundException;
import java.util.Optional;

/**
 * The version a request names, as both transports receive it (the {@code /versions/{v}} path
 * segment, gRPC's {@code model_version}), read into a {@link VersionNumber}. Stateless.
 */
public final class RequestedVersion {

  /** Longest part of a client's version text repeated in the error message. */
  private static final int MAX_ECHO = 40;

  private RequestedVersion() {}

  /**
   * The version {@code text} names, or empty (the model's default version) when it is null or
   * empty.
   *
   * @throws ModelNotFoundException (404 / NOT_FOUND) when {@code text} is not a positive integer:
   *     no model has such a version
   */
  public static Optional<VersionNumber> of(String model, String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (!VersionNumber.isValid(text)) {
      throw new ModelNotFoundException(
          "model '"
              + model
              + "' has no version '"
              + (text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…")
              + "': a version is a positive integer");
    }
    return Optional.of(VersionNumber.parse(text));
  }
}
