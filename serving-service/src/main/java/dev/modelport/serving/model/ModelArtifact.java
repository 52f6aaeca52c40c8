package dev.modelport.serving.model;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One version's model file. Immutable.
 *
 * @param model model name
 * @param version version number
 * @param file the {@code .onnx} or {@code .pt} file
 * @param format its format
 * @param signature the version's own signature (the registry's metadata); empty: the model's
 *     configured one, else the ONNX graph's
 * @param sha256 the file's SHA-256 when the source knows it (registry), else empty
 */
public record ModelArtifact(
    String model,
    VersionNumber version,
    Path file,
    ModelFormat format,
    Optional<ModelSignature> signature,
    Optional<String> sha256) {

  /** An artifact without a signature or digest of its own (the local source). */
  public ModelArtifact(String model, VersionNumber version, Path file, ModelFormat format) {
    this(model, version, file, format, Optional.empty(), Optional.empty());
  }
}
