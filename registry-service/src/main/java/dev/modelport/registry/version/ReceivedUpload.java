package dev.modelport.registry.version;

import dev.modelport.registry.error.InvalidInputException;
import dev.modelport.registry.storage.Sha256;
import dev.modelport.registry.storage.StoredBlob;
import dev.modelport.registryclient.api.VersionMetadata;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parts of one upload as received: the bound metadata, the {@code model.yaml} text, the stored
 * artifact blob and the spooled training data or profile. Owns the spooled files: {@link #close()}
 * deletes them. A blob of an upload that fails after storing it stays until the storage clean-up
 * finds it unreferenced past its grace period (it may be shared with a concurrent upload of the
 * same bytes). Not thread-safe; one request uses it.
 */
final class ReceivedUpload implements AutoCloseable {
  private VersionMetadata metadata;
  private String modelYaml;
  private StoredBlob blob;
  private String fileName;
  private Path trainingCsv;
  private Path profileJson;
  private boolean committed;

  ReceivedUpload() {}

  void metadata(VersionMetadata metadata) {
    once("metadata", this.metadata);
    this.metadata = metadata;
  }

  void modelYaml(String text) {
    once(SignatureSource.MODEL_YAML, modelYaml);
    this.modelYaml = text;
  }

  void artifact(StoredBlob blob, String originalFileName) {
    this.blob = blob;
    this.fileName = fileName(originalFileName);
  }

  void trainingCsv(Path file) {
    once("training-data", trainingCsv);
    this.trainingCsv = file;
  }

  void profileJson(Path file) {
    once("profile", profileJson);
    this.profileJson = file;
  }

  boolean hasArtifact() {
    return blob != null;
  }

  /** The digest the metadata declares, if the metadata has been read and declares one. */
  Optional<Sha256> declaredSha256() {
    return Optional.ofNullable(metadata).map(VersionMetadata::sha256).map(sha -> Sha256.parse(sha));
  }

  /**
   * Checks that the required parts came and that the artifact has the declared digest (when the
   * metadata came after the artifact, the store could not check it while streaming).
   */
  ReceivedUpload complete() {
    if (metadata == null) {
      throw new InvalidInputException("metadata", "the metadata part (JSON) is required");
    }
    if (blob == null) {
      throw new InvalidInputException("artifact", "the artifact part is required");
    }
    Optional<Sha256> declared = declaredSha256();
    if (declared.isPresent() && !declared.get().equals(blob.sha256())) {
      throw new InvalidInputException(
          "sha256", "declared " + declared.get() + " but the artifact hashes to " + blob.sha256());
    }
    return this;
  }

  VersionMetadata metadata() {
    return metadata;
  }

  Optional<String> modelYaml() {
    return Optional.ofNullable(modelYaml);
  }

  StoredBlob blob() {
    return blob;
  }

  String fileName() {
    return fileName;
  }

  Optional<Path> trainingCsv() {
    return Optional.ofNullable(trainingCsv);
  }

  Optional<Path> profileJson() {
    return Optional.ofNullable(profileJson);
  }

  /** The version referencing the blob has committed: {@link #close()} keeps it. */
  void committed() {
    committed = true;
  }

  @Override
  public void close() {
    if (trainingCsv != null) {
      UploadSpool.deleteQuietly(trainingCsv);
    }
    if (profileJson != null) {
      UploadSpool.deleteQuietly(profileJson);
    }
  }

  private static void once(String part, Object seen) {
    if (seen != null) {
      throw new InvalidInputException(part, "the part appears twice");
    }
  }

  private static String fileName(String original) {
    if (original == null || original.isBlank()) {
      return null;
    }
    String name =
        original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
    return name.length() > 255 ? name.substring(0, 255) : name;
  }
}
