package dev.modelport.registry.version;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelport.registry.api.MultipartStream;
import dev.modelport.registry.error.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads the parts of a version upload as they arrive, in any order: {@code metadata} (JSON, bound
 * once by {@link MetadataJson}), {@code model.yaml} (the model folder's file, as an alternative to
 * {@code metadata.signature}), {@code artifact} (streamed into the blob store by {@link
 * ArtifactIntake}), {@code training-data} (CSV) or {@code profile} (feature-stats JSON), both
 * spooled. Any other part is a 400 naming it. On failure the spooled parts are deleted at once; a
 * stored blob is left to the storage clean-up. Thread-safe.
 */
@ApplicationScoped
public class UploadReceiver {
  private final ObjectMapper json;
  private final ArtifactIntake intake;

  @Inject
  UploadReceiver(ObjectMapper json, ArtifactIntake intake) {
    this.json = json;
    this.intake = intake;
  }

  /** Reads every part of {@code form}; the caller closes the result. */
  ReceivedUpload receive(MultipartStream form) {
    ReceivedUpload upload = new ReceivedUpload();
    try {
      for (Optional<MultipartStream.Part> part = form.next();
          part.isPresent();
          part = form.next()) {
        accept(upload, part.get());
      }
      return upload.complete();
    } catch (IOException e) {
      upload.close();
      throw new InvalidInputException("body", e.getMessage());
    } catch (RuntimeException e) {
      upload.close();
      throw e;
    }
  }

  private void accept(ReceivedUpload upload, MultipartStream.Part part) {
    switch (part.name()) {
      case "metadata" ->
          upload.metadata(MetadataJson.read(json, UploadSpool.text("metadata", part.content())));
      case SignatureSource.MODEL_YAML ->
          upload.modelYaml(UploadSpool.text(SignatureSource.MODEL_YAML, part.content()));
      case "artifact" -> {
        if (upload.hasArtifact()) {
          throw new InvalidInputException("artifact", "the part appears twice");
        }
        upload.artifact(intake.store(part.content(), upload.declaredSha256()), part.fileName());
      }
      case "training-data" -> upload.trainingCsv(UploadSpool.file("training-data", part.content()));
      case "profile" -> upload.profileJson(UploadSpool.file("profile", part.content()));
      default ->
          throw new InvalidInputException(
              part.name(),
              "unknown part; expected metadata, model.yaml, artifact, training-data or profile");
    }
  }
}
