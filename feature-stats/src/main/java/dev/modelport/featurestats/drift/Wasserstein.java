package dev.modelport.featurestats.drift;

/**
 * Wasserstein-1 (earth mover's) distance between two one-dimensional distributions, {@code W1 =
 * integral |F_ref(x) - F_cur(x)| dx}, as SciPy's {@code wasserstein_distance(u, v)} on raw samples.
 * From sketches it is within {@code (eps_ref + eps_cur) * (max - min)} of the exact value, the sum
 * of the rank errors times the range of the union. The normalised form divides by {@code
 * max(std_ref, 0.001)} with the reference's population standard deviation (exact, from the
 * profile's moments), as Evidently's {@code wasserstein_distance_norm}.
 */
public final class Wasserstein {

  /** Evidently's floor on the normalising standard deviation. */
  public static final double MIN_NORM = 0.001;

  private Wasserstein() {}

  public static double distance(EmpiricalCdf a, EmpiricalCdf b) {
    if (a.total() == 0 || b.total() == 0) {
      throw new IllegalArgumentException("Wasserstein distance needs two non-empty samples");
    }
    // Integral of |Fa - Fb| over the merged support: both CDFs are constant between points.
    double[] state = {Double.NaN, 0, 0, 0}; // previous x, Fa and Fb there, running sum
    EmpiricalCdf.walk(
        a,
        b,
        (x, fa, fb) -> {
          if (!Double.isNaN(state[0])) {
            state[3] += Math.abs(state[1] - state[2]) * (x - state[0]);
          }
          state[0] = x;
          state[1] = fa;
          state[2] = fb;
        });
    return state[3];
  }

  /** {@code distance / max(referenceStd, 0.001)}. */
  public static double normed(double distance, double referenceStd) {
    return distance / Math.max(referenceStd, MIN_NORM);
  }
}
