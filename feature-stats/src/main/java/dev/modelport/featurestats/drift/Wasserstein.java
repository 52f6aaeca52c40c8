package dev.modelport.featurestats.drift;

/**
 * Wasserstein-1 (earth mover's) distance between two one-dimensional distributions,
 * {@code W1 = integral |F_ref(x) - F_cur(x)| dx}, as SciPy's {@code wasserstein_distance(u, v)} on raw
 * samples. From sketches it is within {@code (eps_ref + eps_cur) * (max - min)} of the exact value,
 * the sum of the rank errors times the range of the union. The normalised form divides by
 * {@code max(std_ref, 0.001)} with the reference's population standard deviation (exact, from the
 * profile's moments), as Evidently's {@code wasserstein_distance_norm}.
 */
public final class Wasserstein {

    /** Evidently's floor on the normalising standard deviation. */
    public static final double MIN_NORM = 0.001;

    private Wasserstein() {
    }

    public static double distance(EmpiricalCdf a, EmpiricalCdf b) {
        if (a.total() == 0 || b.total() == 0) {
            throw new IllegalArgumentException("Wasserstein distance needs two non-empty samples");
        }
        double na = a.total();
        double nb = b.total();
        int i = 0;
        int j = 0;
        long wa = 0;
        long wb = 0;
        double previous = Double.NaN;
        double sum = 0;
        while (i < a.size() || j < b.size()) {
            double x = i < a.size() && (j >= b.size() || a.point(i) <= b.point(j)) ? a.point(i) : b.point(j);
            if (previous == previous) {
                sum += Math.abs(wa / na - wb / nb) * (x - previous);
            }
            if (i < a.size() && a.point(i) == x) {
                i = a.skipTies(i);
                wa = a.cumulativeWeight(i - 1);
            }
            if (j < b.size() && b.point(j) == x) {
                j = b.skipTies(j);
                wb = b.cumulativeWeight(j - 1);
            }
            previous = x;
        }
        return sum;
    }

    /** {@code distance / max(referenceStd, 0.001)}. */
    public static double normed(double distance, double referenceStd) {
        return distance / Math.max(referenceStd, MIN_NORM);
    }
}
