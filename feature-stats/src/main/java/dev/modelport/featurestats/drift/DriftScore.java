package dev.modelport.featurestats.drift;

/**
 * One statistic between a reference and a current distribution.
 *
 * @param method the statistic
 * @param statistic its value (D for KS, chi-square for chi-square, z for the Z-test, the distance
 *     or PSI otherwise)
 * @param pValue the p-value of a test, null for distances
 * @param estimation whether it came from all values or from sketches
 */
public record DriftScore(
    DriftMethod method, double statistic, Double pValue, Estimation estimation) {

  static DriftScore distance(DriftMethod method, double value, Estimation estimation) {
    return new DriftScore(method, value, null, estimation);
  }

  static DriftScore test(
      DriftMethod method, double statistic, double pValue, Estimation estimation) {
    return new DriftScore(method, statistic, pValue, estimation);
  }
}
