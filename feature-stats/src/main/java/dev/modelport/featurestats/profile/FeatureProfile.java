package dev.modelport.featurestats.profile;

/**
 * The profile of one feature: what a drift statistic needs to compare a current window with a
 * reference, in bounded memory. Mutable: values are added with {@link #accept(double)} (or the
 * type-specific update methods) and profiles of the same feature merge. Not thread-safe: one owner
 * updates it, and a copy (through JSON or a merge into an empty profile) is handed to others.
 */
public sealed interface FeatureProfile permits NumericProfile, CategoricalProfile {

  String name();

  FeatureType type();

  /** Values seen that were not missing. */
  long count();

  /** Values seen that were missing (null, empty, NaN). */
  long missing();

  /**
   * Adds one value as it arrives in a numeric tensor: a number for a numeric feature, an integer
   * code (made a category key by {@link CategoryKeys#of(double)}) for a categorical one. NaN is
   * missing.
   */
  void accept(double value);

  /** Counts one missing value. */
  void acceptMissing();

  /** Adds all of {@code other}'s values to this profile; {@code other} is not changed. */
  void merge(FeatureProfile other);
}
