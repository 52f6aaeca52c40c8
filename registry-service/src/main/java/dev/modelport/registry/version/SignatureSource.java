package dev.modelport.registry.version;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.SignatureException;
import dev.modelport.protocol.model.SignatureReader;
import dev.modelport.registry.error.InvalidInputException;
import java.util.Optional;

/**
 * Where an upload's signature comes from: exactly one of {@code metadata.signature} and a {@code
 * model.yaml} part (the model folder's file, read by {@link SignatureReader#fromModelYaml}). Both
 * or neither is a 400 naming the field. Stateless.
 */
final class SignatureSource {
  static final String MODEL_YAML = "model.yaml";

  private SignatureSource() {}

  /**
   * The signature of the upload.
   *
   * @param fromMetadata the metadata part's signature, if it has one
   * @param modelYaml the text of the {@code model.yaml} part, if there was one
   */
  static ModelSignature resolve(ModelSignature fromMetadata, Optional<String> modelYaml) {
    if (fromMetadata != null && modelYaml.isPresent()) {
      throw new InvalidInputException(
          MODEL_YAML,
          "the signature is given twice: send it in metadata.signature or as a model.yaml part,"
              + " not both");
    }
    if (fromMetadata != null) {
      return fromMetadata;
    }
    if (modelYaml.isEmpty()) {
      throw new InvalidInputException(
          "metadata.signature",
          "is required (or send the model folder's model.yaml as a part named model.yaml)");
    }
    try {
      return SignatureReader.fromModelYaml(modelYaml.get());
    } catch (SignatureException e) {
      String field =
          e.field().startsWith(MODEL_YAML) || e.field().equals("signature")
              ? MODEL_YAML
              : MODEL_YAML + "." + e.field();
      throw new InvalidInputException(field, e.problem());
    }
  }
}
