package dev.modelport.featurestats.drift;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-proportion Z-test with pooled variance, two-sided, as Evidently's {@code z} stattest: the
 * proportion tested is the share of every category but the first (in key order), {@code z = (p_ref
 * - p_cur) / sqrt(P (1 - P) (1/n_ref + 1/n_cur))} and {@code p = 2 Phi(-|z|)} (Commons Math's
 * normal distribution). With one category present: z = 0, p = 1. Defined for at most two
 * categories.
 */
public final class ProportionZTest {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

  private ProportionZTest() {}

  public static boolean applicable(AlignedCounts counts) {
    return counts.nonEmptyTable()[0].length <= 2;
  }

  public static DriftScore score(AlignedCounts counts, Estimation estimation) {
    long[][] table = counts.nonEmptyTable();
    if (table[0].length > 2) {
      throw new IllegalArgumentException(
          "Z-test needs at most two categories, got " + table[0].length);
    }
    if (table[0].length < 2) {
      return DriftScore.test(DriftMethod.Z_TEST, 0.0, 1.0, estimation);
    }
    double n1 = table[0][0] + table[0][1];
    double n2 = table[1][0] + table[1][1];
    double p1 = table[0][1] / n1;
    double p2 = table[1][1] / n2;
    double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
    double p = 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z));
    return DriftScore.test(DriftMethod.Z_TEST, z, Math.min(1.0, p), estimation);
  }
}
