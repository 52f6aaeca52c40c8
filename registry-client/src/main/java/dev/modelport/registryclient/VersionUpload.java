package dev.modelport.registryclient;

import dev.modelport.registryclient.api.VersionMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What to upload as a new version: the artifact, its metadata and optionally the model folder's
 * {@code model.yaml} (the signature, instead of {@link VersionMetadata#signature()}), the training
 * data CSV (from which the registry builds the baseline) or a precomputed baseline profile JSON.
 * The sources are opened only while the request is sent.
 */
public final class VersionUpload {
  private final VersionMetadata metadata;
  private final String artifactFileName;
  private final Supplier<InputStream> artifact;
  private Path modelYaml;
  private Path trainingData;
  private Path profile;

  private VersionUpload(
      VersionMetadata metadata, String artifactFileName, Supplier<InputStream> artifact) {
    this.metadata = Objects.requireNonNull(metadata, "metadata");
    this.artifactFileName = Objects.requireNonNull(artifactFileName, "artifactFileName");
    this.artifact = Objects.requireNonNull(artifact, "artifact");
  }

  /** Uploads the file at {@code artifact}. */
  public static VersionUpload of(Path artifact, VersionMetadata metadata) {
    return new VersionUpload(metadata, artifact.getFileName().toString(), () -> open(artifact));
  }

  /** Uploads the bytes of a stream opened once when the request is sent (it is closed after). */
  public static VersionUpload of(
      String fileName, Supplier<InputStream> artifact, VersionMetadata metadata) {
    return new VersionUpload(metadata, fileName, artifact);
  }

  /**
   * Sends the signature as the model folder's {@code model.yaml} (its {@code inputs} and {@code
   * outputs}); the metadata's signature must then be null.
   */
  public VersionUpload withModelYaml(Path modelYaml) {
    this.modelYaml = modelYaml;
    return this;
  }

  /** Adds a training data CSV (header row of feature names) for the registry to profile. */
  public VersionUpload withTrainingData(Path csv) {
    this.trainingData = csv;
    return this;
  }

  /** Adds a precomputed baseline profile (feature-stats JSON). */
  public VersionUpload withProfile(Path json) {
    this.profile = json;
    return this;
  }

  VersionMetadata metadata() {
    return metadata;
  }

  MultipartBody body(String metadataJson) {
    MultipartBody body = new MultipartBody().field("metadata", "application/json", metadataJson);
    if (modelYaml != null) {
      body.file("model.yaml", "model.yaml", "application/yaml", () -> open(modelYaml));
    }
    body.file("artifact", artifactFileName, "application/octet-stream", artifact);
    if (trainingData != null) {
      body.file(
          "training-data",
          trainingData.getFileName().toString(),
          "text/csv",
          () -> open(trainingData));
    }
    if (profile != null) {
      body.file(
          "profile", profile.getFileName().toString(), "application/json", () -> open(profile));
    }
    return body;
  }

  private static InputStream open(Path path) {
    try {
      return Files.newInputStream(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
