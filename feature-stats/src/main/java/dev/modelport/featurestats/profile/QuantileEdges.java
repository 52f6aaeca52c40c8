package dev.modelport.featurestats.profile;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Bin edges at the quantiles {@code 1/B, ..., (B-1)/B} of a distribution, duplicates removed. Bins
 * are {@code (-inf, e0], (e0, e1], ..., (e_last, +inf)}, so values outside the reference range fall
 * in the outer bins. On an exact sample the quantiles are NumPy's default ("linear", Hyndman–Fan 7,
 * same interpolation arithmetic); from a KLL sketch they are the sketch's inclusive quantiles,
 * within its rank error.
 */
final class QuantileEdges {

  private QuantileEdges() {}

  static double[] ofSorted(double[] sorted, int binCount) {
    if (sorted.length == 0) {
      return new double[0];
    }
    double[] edges = new double[binCount - 1];
    int n = sorted.length;
    for (int i = 1; i < binCount; i++) {
      double q = (double) i / binCount;
      double virtual = (n - 1) * q;
      int lo = (int) Math.floor(virtual);
      int hi = Math.min(lo + 1, n - 1);
      double t = virtual - lo;
      edges[i - 1] = lerp(sorted[lo], sorted[hi], t);
    }
    return distinct(edges);
  }

  static double[] ofSketch(KllDoublesSketch sketch, int binCount) {
    if (sketch.isEmpty()) {
      return new double[0];
    }
    double[] ranks = new double[binCount - 1];
    for (int i = 1; i < binCount; i++) {
      ranks[i - 1] = (double) i / binCount;
    }
    double[] edges = sketch.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
    Arrays.sort(edges);
    return distinct(edges);
  }

  /** NumPy's {@code _lerp}: the form that is exact at both ends. */
  private static double lerp(double a, double b, double t) {
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }

  private static double[] distinct(double[] sortedEdges) {
    int n = 0;
    for (int i = 0; i < sortedEdges.length; i++) {
      if (n == 0 || sortedEdges[i] != sortedEdges[n - 1]) {
        sortedEdges[n++] = sortedEdges[i];
      }
    }
    return Arrays.copyOf(sortedEdges, n);
  }
}
