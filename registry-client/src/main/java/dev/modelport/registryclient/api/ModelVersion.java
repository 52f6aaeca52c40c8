package dev.modelport.registryclient.api;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.VersionNumber;
import java.time.Instant;
import java.util.Map;

/**
 * An immutable, numbered version of a registered model.
 *
 * @param hasBaseline whether a training baseline profile is stored with the version
 */
public record ModelVersion(
    String model,
    VersionNumber version,
    VersionStatus status,
    Artifact artifact,
    ModelSignature signature,
    ServingSettings serving,
    Map<String, Double> metrics,
    Map<String, String> params,
    Lineage lineage,
    Map<String, String> tags,
    String description,
    boolean hasBaseline,
    String createdBy,
    Instant createdAt) {
  public ModelVersion {
    metrics = Copies.map(metrics);
    params = Copies.map(params);
    tags = Copies.map(tags);
  }
}
