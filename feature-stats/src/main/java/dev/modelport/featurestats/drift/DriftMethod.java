package dev.modelport.featurestats.drift;

/**
 * The drift statistics Modelport computes. A p-value method flags drift when its p-value is below
 * the threshold; a distance flags drift when the distance reaches the threshold (Evidently's {@code
 * >=}). Default thresholds are Evidently's: 0.05 for tests, 0.1 for distances and PSI.
 */
public enum DriftMethod {
  /**
   * Two-sample Kolmogorov–Smirnov; statistic D, asymptotic p-value (see {@link KolmogorovSmirnov}).
   * Numeric.
   */
  KS(true, 0.05),
  /**
   * Population Stability Index on the reference's bins or categories (see {@link
   * PopulationStabilityIndex}).
   */
  PSI(false, 0.1),
  /** Wasserstein-1 distance in the feature's units. Numeric. */
  WASSERSTEIN(false, 0.1),
  /** Wasserstein-1 distance divided by max(reference standard deviation, 0.001). Numeric. */
  WASSERSTEIN_NORMED(false, 0.1),
  /** Jensen–Shannon distance (base 2, in [0, 1]) on the reference bins or categories. */
  JENSEN_SHANNON(false, 0.1),
  /**
   * Chi-square test of homogeneity of the category counts. Categorical, or numeric with at most 5
   * values.
   */
  CHI_SQUARE(true, 0.05),
  /** Two-proportion Z-test. Two categories (or numeric with at most 2 values). */
  Z_TEST(true, 0.05);

  private final boolean pValueTest;
  private final double defaultThreshold;

  DriftMethod(boolean pValueTest, double defaultThreshold) {
    this.pValueTest = pValueTest;
    this.defaultThreshold = defaultThreshold;
  }

  /**
   * True when the decision is {@code pValue < threshold}; false when it is {@code statistic >=
   * threshold}.
   */
  public boolean isPValueTest() {
    return pValueTest;
  }

  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** Whether a score of this method, against {@code threshold}, means drift. */
  public boolean drifted(DriftScore score, double threshold) {
    return pValueTest ? score.pValue() < threshold : score.statistic() >= threshold;
  }
}
