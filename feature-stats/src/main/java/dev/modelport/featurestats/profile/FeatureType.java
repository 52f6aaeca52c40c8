package dev.modelport.featurestats.profile;

/** How a feature's values are compared: as numbers on a line or as unordered categories. */
public enum FeatureType {
  /** Real-valued; profiled with moments, a KLL quantile sketch and a reservoir sample. */
  NUMERIC,
  /**
   * Discrete labels (strings, or integer codes such as an INT64 input); profiled with category
   * counts.
   */
  CATEGORICAL
}
