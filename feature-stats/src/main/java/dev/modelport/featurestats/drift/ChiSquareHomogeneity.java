package dev.modelport.featurestats.drift;

import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * Chi-square test of homogeneity of a 2 x K table (reference counts, current counts) over the union
 * of categories, by Commons Math's {@link ChiSquareTest#chiSquare(long[][])} (no Yates correction;
 * SciPy's {@code chi2_contingency(table, correction=False)}). Categories absent from both are
 * dropped; with fewer than two categories left there is nothing to test: statistic 0, p-value 1.
 *
 * <p>Evidently's {@code chisquare} stattest is a goodness-of-fit test of the current counts against
 * the reference proportions ({@code scipy.stats.chisquare}); the homogeneity test treats both
 * samples as random, which is the right model when the baseline is itself a sample. Both agree
 * closely when the reference is much larger than the current window.
 */
public final class ChiSquareHomogeneity {

  private static final ChiSquareTest TEST = new ChiSquareTest();

  private ChiSquareHomogeneity() {}

  public static DriftScore score(AlignedCounts counts, Estimation estimation) {
    long[][] table = counts.nonEmptyTable();
    if (table[0].length < 2) {
      return DriftScore.test(DriftMethod.CHI_SQUARE, 0.0, 1.0, estimation);
    }
    double statistic = TEST.chiSquare(table);
    double p = TEST.chiSquareTest(table);
    return DriftScore.test(
        DriftMethod.CHI_SQUARE, statistic, Math.max(0.0, Math.min(1.0, p)), estimation);
  }
}
