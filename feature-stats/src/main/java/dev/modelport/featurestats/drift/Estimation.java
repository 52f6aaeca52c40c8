package dev.modelport.featurestats.drift;

/** Whether a statistic was computed from all values or from a sketch. */
public enum Estimation {
  /** From every value (both samples complete, or exact category counts). */
  EXACT,
  /**
   * From at least one KLL sketch or frequent-items sketch; the error bound of each method is in its
   * Javadoc (e.g. KS within the sum of the sketches' rank errors).
   */
  SKETCH
}
