package dev.modelport.registry.baseline;

import dev.modelport.protocol.model.ModelSignature;
import java.nio.file.Path;
import java.util.Optional;

/** Builds or checks the baseline profile uploaded with a version. */
public interface BaselineBuilder {
  /**
   * The profile JSON to store with a version, or empty when the upload brings neither training data
   * nor a profile.
   *
   * @param trainingCsv training data with a header row naming the signature's features
   * @param profileJson a precomputed profile
   * @throws dev.modelport.registry.error.InvalidInputException when the data do not fit the
   *     signature
   */
  Optional<String> build(
      ModelSignature signature, Optional<Path> trainingCsv, Optional<Path> profileJson);
}
