package dev.modelport.serving.repository;

import java.nio.file.Path;

/**
 * One version's model file. Immutable.
 *
 * @param model model name
 * @param version version number, at least 1
 * @param file the {@code .onnx} or {@code .pt} file
 * @param format its format
 */
public record ModelArtifact(String model, long version, Path file, ModelFormat format) {}
