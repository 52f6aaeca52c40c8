package dev.modelport.registry.version;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelport.registryclient.api.VersionMetadata;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The parts of a version upload, as the OpenAPI document describes them: never bound (the body is
 * read as it arrives by {@link UploadReceiver}), only the schema of {@code POST
 * /api/v1/models/{model}/versions}.
 */
@Schema(
    name = "VersionUploadForm",
    description =
        "multipart/form-data parts of a version upload; the signature comes from"
            + " metadata.signature or from a model.yaml part, not both")
public final class VersionUploadForm {
  /** An example {@code metadata} part: the one the README's walkthrough sends. */
  public static final String METADATA_EXAMPLE =
      "{\"format\": \"onnx\","
          + " \"signature\": {\"inputs\": [{\"name\": \"input\", \"datatype\": \"FP32\","
          + " \"shape\": [-1, 2], \"features\": [\"a\", \"b\"]}],"
          + " \"outputs\": [{\"name\": \"probabilities\", \"datatype\": \"FP32\","
          + " \"shape\": [-1, 2]}]},"
          + " \"metrics\": {\"accuracy\": 0.95}, \"tags\": {\"team\": \"fraud\"}}";

  @Schema(
      required = true,
      implementation = VersionMetadata.class,
      description =
          "JSON (Content-Type application/json): format onnx or torchscript (required), signature"
              + " (required unless a model.yaml part is sent; features as bare names or"
              + " {name, type: numeric|categorical}), serving, metrics, params, lineage, tags,"
              + " description, sha256",
      example = METADATA_EXAMPLE)
  public VersionMetadata metadata;

  @Schema(
      required = true,
      type = SchemaType.STRING,
      format = "binary",
      description = "the model file (.onnx or TorchScript .pt)")
  public byte[] artifact;

  @JsonProperty("model.yaml")
  @Schema(
      name = "model.yaml",
      type = SchemaType.STRING,
      format = "binary",
      description = "a model folder's model.yaml: its inputs and outputs are the signature")
  public byte[] modelYaml;

  @JsonProperty("training-data")
  @Schema(
      name = "training-data",
      type = SchemaType.STRING,
      format = "binary",
      description =
          "training data CSV, header row of feature names: the registry profiles it into the"
              + " version's baseline for drift monitoring")
  public byte[] trainingData;

  @Schema(
      type = SchemaType.STRING,
      format = "binary",
      description = "a precomputed baseline profile (feature-stats JSON), instead of training-data")
  public byte[] profile;

  private VersionUploadForm() {}
}
