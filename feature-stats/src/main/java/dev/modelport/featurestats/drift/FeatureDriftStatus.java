package dev.modelport.featurestats.drift;

/** Whether a feature could be compared. */
public enum FeatureDriftStatus {
  /** Compared; the result's statistic and decision are set. */
  EVALUATED,
  /** The reference has no non-missing value of this feature. */
  EMPTY_REFERENCE,
  /** The current window has no non-missing value of this feature. */
  EMPTY_CURRENT,
  /**
   * The configured method does not apply (e.g. chi-square on a numeric feature with more than five
   * distinct values, or a Z-test on more than two categories).
   */
  NOT_APPLICABLE
}
