package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.ModelSignature;
import java.util.Map;

/**
 * The {@code metadata} part of a version upload.
 *
 * @param format artifact format (required)
 * @param sha256 declared SHA-256 of the artifact; the upload is refused when the bytes differ
 * @param signature inputs and outputs; required unless the upload carries a {@code model.yaml} part
 *     instead (registry JSON form or {@code model.yaml} form: bare feature names and {@code
 *     categorical: true})
 * @param serving serving hints, may be null
 * @param metrics training metrics
 * @param params training parameters
 * @param lineage provenance, may be null
 * @param tags string tags
 * @param description free text
 */
public record VersionMetadata(
    ArtifactFormat format,
    String sha256,
    ModelSignature signature,
    ServingSettings serving,
    Map<String, Double> metrics,
    Map<String, String> params,
    Lineage lineage,
    Map<String, String> tags,
    String description) {
  public VersionMetadata {
    metrics = Copies.map(metrics);
    params = Copies.map(params);
    tags = Copies.map(tags);
  }

  /** The same metadata with {@code signature} in place of this one's. */
  public VersionMetadata withSignature(ModelSignature signature) {
    return new VersionMetadata(
        format, sha256, signature, serving, metrics, params, lineage, tags, description);
  }
}
