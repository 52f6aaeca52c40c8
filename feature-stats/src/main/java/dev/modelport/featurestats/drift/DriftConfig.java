package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.FeatureType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * How drift is decided for one model: Evidently's defaults ({@link EvidentlyDefaults}) unless
 * overridden per model (a method per feature type, a threshold per method, the data set share, the
 * small-sample limit) or per feature ({@link FeatureDriftOverride}). Immutable; build with {@link
 * #defaults()} and the {@code with...} methods. Serialisable to JSON as a record.
 *
 * @param datasetDriftShare share of evaluated features that must drift for the data set to drift
 * @param smallSampleLimit reference sizes up to this get the statistical tests by default
 * @param numericMethod method for every numeric feature, or null for Evidently's choice
 * @param categoricalMethod method for every categorical feature, or null for Evidently's choice
 * @param thresholds thresholds per method replacing {@link DriftMethod#defaultThreshold()}
 * @param features per-feature overrides, by feature name
 */
public record DriftConfig(
    double datasetDriftShare,
    long smallSampleLimit,
    DriftMethod numericMethod,
    DriftMethod categoricalMethod,
    Map<DriftMethod, Double> thresholds,
    Map<String, FeatureDriftOverride> features) {

  public DriftConfig {
    if (!(datasetDriftShare > 0 && datasetDriftShare <= 1)) {
      throw new IllegalArgumentException(
          "datasetDriftShare must be in (0, 1]: " + datasetDriftShare);
    }
    thresholds = thresholds == null || thresholds.isEmpty() ? Map.of() : Map.copyOf(thresholds);
    features = features == null ? Map.of() : Map.copyOf(features);
    checkApplicable(numericMethod, FeatureType.NUMERIC, "numericMethod");
    checkApplicable(categoricalMethod, FeatureType.CATEGORICAL, "categoricalMethod");
  }

  /** Evidently's defaults: share 0.5, limit 1,000, default methods and thresholds. */
  public static DriftConfig defaults() {
    return new DriftConfig(
        EvidentlyDefaults.DATASET_DRIFT_SHARE,
        EvidentlyDefaults.SMALL_SAMPLE_LIMIT,
        null,
        null,
        Map.of(),
        Map.of());
  }

  public DriftConfig withDatasetDriftShare(double share) {
    return new DriftConfig(
        share, smallSampleLimit, numericMethod, categoricalMethod, thresholds, features);
  }

  public DriftConfig withSmallSampleLimit(long limit) {
    return new DriftConfig(
        datasetDriftShare, limit, numericMethod, categoricalMethod, thresholds, features);
  }

  public DriftConfig withNumericMethod(DriftMethod method) {
    return new DriftConfig(
        datasetDriftShare, smallSampleLimit, method, categoricalMethod, thresholds, features);
  }

  public DriftConfig withCategoricalMethod(DriftMethod method) {
    return new DriftConfig(
        datasetDriftShare, smallSampleLimit, numericMethod, method, thresholds, features);
  }

  public DriftConfig withThreshold(DriftMethod method, double threshold) {
    Map<DriftMethod, Double> t = new EnumMap<>(DriftMethod.class);
    t.putAll(thresholds);
    t.put(method, threshold);
    return new DriftConfig(
        datasetDriftShare, smallSampleLimit, numericMethod, categoricalMethod, t, features);
  }

  public DriftConfig withFeature(String feature, DriftMethod method, Double threshold) {
    Map<String, FeatureDriftOverride> f = new HashMap<>(features);
    f.put(feature, new FeatureDriftOverride(method, threshold));
    return new DriftConfig(
        datasetDriftShare, smallSampleLimit, numericMethod, categoricalMethod, thresholds, f);
  }

  /**
   * The method for a feature: its override, else the model's method for its type, else Evidently's.
   */
  DriftMethod methodFor(String feature, FeatureType type, long referenceCount, int distinct) {
    FeatureDriftOverride o = features.get(feature);
    if (o != null && o.method() != null) {
      return o.method();
    }
    DriftMethod byType = type == FeatureType.NUMERIC ? numericMethod : categoricalMethod;
    return byType != null
        ? byType
        : EvidentlyDefaults.method(type, referenceCount, distinct, smallSampleLimit);
  }

  /**
   * The threshold for a feature and method: its override, else the model's, else the method's
   * default.
   */
  double thresholdFor(String feature, DriftMethod method) {
    FeatureDriftOverride o = features.get(feature);
    if (o != null && o.threshold() != null) {
      return o.threshold();
    }
    return thresholds.getOrDefault(method, method.defaultThreshold());
  }

  private static void checkApplicable(DriftMethod method, FeatureType type, String what) {
    if (method != null
        && type == FeatureType.CATEGORICAL
        && (method == DriftMethod.KS
            || method == DriftMethod.WASSERSTEIN
            || method == DriftMethod.WASSERSTEIN_NORMED)) {
      throw new IllegalArgumentException(
          what + ": " + method + " does not apply to categorical features");
    }
  }
}
