package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.NumericProfile;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSketchSortedView;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * A step distribution function {@code F(x) = P(X <= x)}: sorted points with cumulative weights.
 * Built from an exact sample (every weight 1, so {@code F} is the empirical CDF) or from a KLL
 * sketch's sorted view (weighted retained items, so {@code F} is within {@link #rankError()} of the
 * stream's CDF at every x with 99 % confidence). Immutable; O(points) memory.
 */
public final class EmpiricalCdf {

  private final double[] points;
  private final long[] cumulativeWeights;
  private final long total;
  private final double rankError;

  private EmpiricalCdf(double[] points, long[] cumulativeWeights, long total, double rankError) {
    this.points = points;
    this.cumulativeWeights = cumulativeWeights;
    this.total = total;
    this.rankError = rankError;
  }

  /** The empirical CDF of a sorted sample (not copied: do not change it afterwards). */
  public static EmpiricalCdf ofSorted(double[] sorted) {
    long[] cumulative = new long[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      cumulative[i] = i + 1;
    }
    return new EmpiricalCdf(sorted, cumulative, sorted.length, 0);
  }

  /** The CDF that a KLL sketch estimates; exact while the sketch is not in estimation mode. */
  public static EmpiricalCdf ofSketch(KllDoublesSketch sketch) {
    if (sketch.isEmpty()) {
      return new EmpiricalCdf(new double[0], new long[0], 0, 0);
    }
    DoublesSortedView view = sketch.getSortedView();
    double[] points = view.getQuantiles();
    long[] cumulative = ((DoublesSketchSortedView) view).getCumulativeWeights();
    double error = sketch.isEstimationMode() ? sketch.getNormalizedRankError(false) : 0;
    return new EmpiricalCdf(points, cumulative, sketch.getN(), error);
  }

  /** Exact from the reservoir while it holds every value, else from the sketch. */
  public static EmpiricalCdf of(NumericProfile profile) {
    return profile.isExact() ? ofSorted(profile.sortedSample()) : ofSketch(profile.sketch());
  }

  public boolean isExact() {
    return rankError == 0;
  }

  /** Bound on |F(x) - true F(x)| for all x (99 % confidence for a sketch; 0 when exact). */
  public double rankError() {
    return rankError;
  }

  /** Number of values the distribution describes. */
  public long total() {
    return total;
  }

  int size() {
    return points.length;
  }

  double point(int i) {
    return points[i];
  }

  long cumulativeWeight(int i) {
    return cumulativeWeights[i];
  }

  /** Receives the two CDFs at each distinct point of their merged support, in ascending order. */
  @FunctionalInterface
  interface StepVisitor {
    void step(double x, double fractionA, double fractionB);
  }

  /**
   * Walks the union of the points of {@code a} and {@code b} once, in ascending order, handing the
   * visitor both CDFs just after each distinct point (ties merged). Both must be non-empty. Cost:
   * O(size(a) + size(b)).
   */
  static void walk(EmpiricalCdf a, EmpiricalCdf b, StepVisitor visitor) {
    double na = a.total;
    double nb = b.total;
    int i = 0;
    int j = 0;
    long wa = 0;
    long wb = 0;
    while (i < a.size() || j < b.size()) {
      double x =
          i < a.size() && (j >= b.size() || a.point(i) <= b.point(j)) ? a.point(i) : b.point(j);
      if (i < a.size() && a.point(i) == x) {
        i = a.skipTies(i);
        wa = a.cumulativeWeight(i - 1);
      }
      if (j < b.size() && b.point(j) == x) {
        j = b.skipTies(j);
        wb = b.cumulativeWeight(j - 1);
      }
      visitor.step(x, wa / na, wb / nb);
    }
  }

  /** Index just past the run of points equal to {@code points[i]}. */
  int skipTies(int i) {
    double x = points[i];
    int j = i + 1;
    while (j < points.length && points[j] == x) {
      j++;
    }
    return j;
  }

  /** Weight of values {@code <= x}. */
  long weightAtOrBelow(double x) {
    int lo = 0;
    int hi = points.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (points[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? 0 : cumulativeWeights[lo - 1];
  }

  /**
   * Fractions of the distribution in the bins {@code (-inf, e0], (e0, e1], ..., (e_last, +inf)}:
   * {@code edges.length + 1} values summing to 1.
   */
  public double[] binFractions(double[] edges) {
    double[] fractions = new double[edges.length + 1];
    long previous = 0;
    for (int i = 0; i < edges.length; i++) {
      long atOrBelow = weightAtOrBelow(edges[i]);
      fractions[i] = (double) (atOrBelow - previous) / total;
      previous = atOrBelow;
    }
    fractions[edges.length] = (double) (total - previous) / total;
    return fractions;
  }
}
