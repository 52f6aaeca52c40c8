package dev.modelport.drift.baseline;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.DatasetProfile;
import java.util.Optional;

/**
 * A known model version: its signature and, when the registry holds one that fits the signature,
 * its training baseline. The baseline profile is shared read-only between threads: nobody updates
 * it after construction.
 *
 * @param key model version
 * @param signature features and input layout
 * @param baseline the training profile, if any
 * @param missingBaselineReason why there is no usable baseline (null when there is one)
 * @param outputBaseline the training profile of the output columns the baseline holds (some or all
 *     of {@link MonitoredSignature#outputSchema()}, by name), if any
 */
public record VersionBaseline(
    ModelVersionKey key,
    MonitoredSignature signature,
    Optional<DatasetProfile> baseline,
    String missingBaselineReason,
    Optional<DatasetProfile> outputBaseline) {

  public static VersionBaseline withBaseline(
      ModelVersionKey key, MonitoredSignature signature, DatasetProfile baseline) {
    return new VersionBaseline(key, signature, Optional.of(baseline), null, Optional.empty());
  }

  /** With a baseline of the inputs and one of (some of) the output columns. */
  public static VersionBaseline withBaseline(
      ModelVersionKey key,
      MonitoredSignature signature,
      DatasetProfile baseline,
      DatasetProfile outputBaseline) {
    return new VersionBaseline(
        key, signature, Optional.of(baseline), null, Optional.ofNullable(outputBaseline));
  }

  public static VersionBaseline withoutBaseline(
      ModelVersionKey key, MonitoredSignature signature, String reason) {
    return new VersionBaseline(key, signature, Optional.empty(), reason, Optional.empty());
  }
}
