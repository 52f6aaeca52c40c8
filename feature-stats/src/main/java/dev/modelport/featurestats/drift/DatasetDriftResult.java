package dev.modelport.featurestats.drift;

import java.util.List;

/**
 * Drift of a data set: per-feature results and the share of drifted features among those evaluated
 * (features with no data on one side are reported but not counted). Immutable; serialisable to
 * JSON.
 *
 * @param features per-feature results in schema order
 * @param evaluatedFeatures features compared
 * @param driftedFeatures features that drifted
 * @param share {@code driftedFeatures / evaluatedFeatures} (0 when none was evaluated)
 * @param threshold the share at which the data set drifts
 * @param drifted {@code share >= threshold}, and at least one feature evaluated
 */
public record DatasetDriftResult(
    List<FeatureDriftResult> features,
    int evaluatedFeatures,
    int driftedFeatures,
    double share,
    double threshold,
    boolean drifted) {

  public DatasetDriftResult {
    features = List.copyOf(features);
  }

  /** The named feature's result. */
  public FeatureDriftResult feature(String name) {
    return features.stream()
        .filter(f -> f.feature().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no feature " + name));
  }

  /** Names of the drifted features, in schema order. */
  public List<String> driftedFeatureNames() {
    return features.stream()
        .filter(FeatureDriftResult::drifted)
        .map(FeatureDriftResult::feature)
        .toList();
  }
}
