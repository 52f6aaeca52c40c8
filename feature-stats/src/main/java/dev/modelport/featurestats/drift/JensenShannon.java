package dev.modelport.featurestats.drift;

/**
 * Jensen–Shannon distance with base-2 logarithms (so it lies in [0, 1]), as {@code
 * scipy.spatial.distance.jensenshannon(p, q, base=2)}: both vectors are normalised to sum 1, {@code
 * m = (p + q) / 2}, and the distance is {@code sqrt((KL(p||m) + KL(q||m)) / 2)}. No smoothing
 * (empty bins contribute 0). Evidently uses it with a 0.1 threshold for large reference samples.
 * Numeric features are binned on the reference's bins (deciles by default), not on Evidently's
 * Sturges bins of the pooled data; features with at most five distinct values use their value
 * counts.
 */
public final class JensenShannon {

  private JensenShannon() {}

  public static double distance(double[] p, double[] q) {
    if (p.length != q.length) {
      throw new IllegalArgumentException("bin counts differ");
    }
    double sp = sum(p);
    double sq = sum(q);
    double js = 0;
    for (int i = 0; i < p.length; i++) {
      double pi = p[i] / sp;
      double qi = q[i] / sq;
      double m = (pi + qi) / 2;
      js += relativeEntropy(pi, m) + relativeEntropy(qi, m);
    }
    js /= Math.log(2);
    return Math.sqrt(Math.max(0, js / 2));
  }

  private static double relativeEntropy(double x, double y) {
    return x == 0 ? 0 : x * Math.log(x / y);
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
