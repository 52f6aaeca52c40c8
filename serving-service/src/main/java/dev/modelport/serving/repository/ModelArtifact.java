package dev.modelport.serving.repository;

import dev.modelport.protocol.model.VersionNumber;
import java.nio.file.Path;

/**
 * One version's model file. Immutable.
 *
 * @param model model name
 * @param version version number
 * @param file the {@code .onnx} or {@code .pt} file
 * @param format its format
 */
public record ModelArtifact(String model, VersionNumber version, Path file, ModelFormat format) {}
