package dev.modelport.featurestats.drift;

/**
 * Population Stability Index {@code PSI = sum_i (r_i - c_i) ln(r_i / c_i)} over the reference's
 * bins (numeric: the baseline's decile bins by default) or over the union of categories.
 *
 * <p><b>Empty bins</b> are smoothed as Evidently's {@code get_binned_data(feel_zeroes=True)} does,
 * per distribution: a zero fraction becomes {@code 1e-4}, or {@code min(non-zero fraction) / 1e6}
 * when that minimum is itself at most {@code 1e-4}. The fractions are not renormalised afterwards.
 */
public final class PopulationStabilityIndex {

  static final double ZERO_FILL = 1e-4;

  private PopulationStabilityIndex() {}

  public static double compute(double[] referenceFractions, double[] currentFractions) {
    if (referenceFractions.length != currentFractions.length) {
      throw new IllegalArgumentException("bin counts differ");
    }
    double[] r = smoothed(referenceFractions);
    double[] c = smoothed(currentFractions);
    double psi = 0;
    for (int i = 0; i < r.length; i++) {
      psi += (r[i] - c[i]) * Math.log(r[i] / c[i]);
    }
    return psi;
  }

  /** The fractions with Evidently's replacement of zeros (a copy). */
  static double[] smoothed(double[] fractions) {
    double minNonZero = Double.POSITIVE_INFINITY;
    for (double f : fractions) {
      if (f != 0 && f < minNonZero) {
        minNonZero = f;
      }
    }
    double[] out = fractions.clone();
    if (minNonZero == Double.POSITIVE_INFINITY) {
      return out;
    }
    double fill = minNonZero <= ZERO_FILL ? minNonZero / 1e6 : ZERO_FILL;
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        out[i] = fill;
      }
    }
    return out;
  }
}
