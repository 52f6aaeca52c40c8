package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.FeatureType;

/**
 * Evidently's default choice of drift method per column, as documented in "Data drift algorithm"
 * (https://docs.evidentlyai.com/reference/data-drift-algorithm) and implemented in Evidently's
 * {@code calculations/stattests/registry.py} ({@code _get_default_stattest}):
 *
 * <ul>
 *   <li>reference with at most 1,000 (non-missing) values: numeric with more than 5 distinct values
 *       (reference and current together) → two-sample KS; categorical, or numeric with at most 5
 *       distinct values → chi-square, or the proportion Z-test when there are at most 2; all at
 *       p-value &lt; 0.05 ("0.95 confidence level");
 *   <li>larger reference: numeric with more than 5 distinct values → Wasserstein distance normed by
 *       the reference standard deviation; categorical, or numeric with at most 5 distinct values →
 *       Jensen–Shannon distance; both drift at a distance &gt;= 0.1;
 *   <li>the data set drifts when the share of drifted features reaches 0.5.
 * </ul>
 */
public final class EvidentlyDefaults {

  /** Reference sizes up to this use the statistical tests; larger ones the distances. */
  public static final long SMALL_SAMPLE_LIMIT = 1000;

  /** Numeric features with at most this many distinct values are compared as categories. */
  public static final int LOW_CARDINALITY_LIMIT = 5;

  /** Share of drifted features at which the data set drifts. */
  public static final double DATASET_DRIFT_SHARE = 0.5;

  private EvidentlyDefaults() {}

  /**
   * The default method.
   *
   * @param distinct distinct values of reference and current together, or -1 when more than {@link
   *     #LOW_CARDINALITY_LIMIT} (only that distinction matters for numeric features)
   */
  public static DriftMethod method(
      FeatureType type, long referenceCount, int distinct, long smallSampleLimit) {
    boolean few = distinct >= 0 && distinct <= LOW_CARDINALITY_LIMIT;
    boolean categoryLike = type == FeatureType.CATEGORICAL || few;
    if (referenceCount <= smallSampleLimit) {
      if (!categoryLike) {
        return DriftMethod.KS;
      }
      return distinct >= 0 && distinct <= 2 ? DriftMethod.Z_TEST : DriftMethod.CHI_SQUARE;
    }
    return categoryLike ? DriftMethod.JENSEN_SHANNON : DriftMethod.WASSERSTEIN_NORMED;
  }
}
