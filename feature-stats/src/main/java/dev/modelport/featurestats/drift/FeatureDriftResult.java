package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.FeatureType;
import java.util.Map;

/**
 * Drift of one feature: the deciding method with its statistic, p-value (tests only), threshold and
 * decision, plus every statistic computed for the feature (for metrics and reports). Immutable;
 * serialisable to JSON as a record.
 *
 * @param feature feature name
 * @param type feature type
 * @param status whether it was compared; when not, statistic and pValue are null and drifted is
 *     false
 * @param method the deciding method
 * @param statistic its statistic, or null when not evaluated
 * @param pValue its p-value for a test, else null
 * @param threshold the threshold applied
 * @param drifted the decision
 * @param estimation whether the deciding statistic is exact or from sketches; null when not
 *     evaluated
 * @param referenceCount non-missing reference values
 * @param currentCount non-missing current values
 * @param scores all statistics computed, by method
 */
public record FeatureDriftResult(
    String feature,
    FeatureType type,
    FeatureDriftStatus status,
    DriftMethod method,
    Double statistic,
    Double pValue,
    double threshold,
    boolean drifted,
    Estimation estimation,
    long referenceCount,
    long currentCount,
    Map<DriftMethod, DriftScore> scores) {

  public FeatureDriftResult {
    scores = scores == null ? Map.of() : Map.copyOf(scores);
  }
}
