package dev.modelport.registryclient.api;

import java.util.Map;

/**
 * The {@code metadata} part of a version upload.
 *
 * @param format artifact format (required)
 * @param sha256 declared SHA-256 of the artifact; the upload is refused when the bytes differ
 * @param signature inputs and outputs (required)
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
    Signature signature,
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
}
