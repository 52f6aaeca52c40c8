package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.LowCardinalityCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reference and current counts over the union of their categories, in one order (string order for
 * categories, numeric order for the values of a low-cardinality numeric feature). Immutable.
 */
public record AlignedCounts(List<String> categories, long[] reference, long[] current) {

  public static AlignedCounts of(Map<String, Long> reference, Map<String, Long> current) {
    TreeSet<String> keys = new TreeSet<>(reference.keySet());
    keys.addAll(current.keySet());
    List<String> categories = new ArrayList<>(keys);
    long[] r = new long[categories.size()];
    long[] c = new long[categories.size()];
    for (int i = 0; i < categories.size(); i++) {
      r[i] = reference.getOrDefault(categories.get(i), 0L);
      c[i] = current.getOrDefault(categories.get(i), 0L);
    }
    return new AlignedCounts(List.copyOf(categories), r, c);
  }

  /** Counts of a numeric feature's few distinct values (both sides must not have overflowed). */
  public static AlignedCounts of(LowCardinalityCounts reference, LowCardinalityCounts current) {
    TreeSet<Double> values = new TreeSet<>();
    for (double v : reference.sortedValues()) {
      values.add(v);
    }
    for (double v : current.sortedValues()) {
      values.add(v);
    }
    List<String> categories = new ArrayList<>();
    long[] r = new long[values.size()];
    long[] c = new long[values.size()];
    int i = 0;
    for (double v : values) {
      categories.add(Double.toString(v));
      r[i] = reference.count(v);
      c[i++] = current.count(v);
    }
    return new AlignedCounts(List.copyOf(categories), r, c);
  }

  /** Number of categories with a count on either side. */
  public int distinct() {
    return nonEmptyTable()[0].length;
  }

  public double[] referenceFractions() {
    return fractions(reference);
  }

  public double[] currentFractions() {
    return fractions(current);
  }

  private static double[] fractions(long[] counts) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] f = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      f[i] = (double) counts[i] / total;
    }
    return f;
  }

  /** The 2 x K table without categories that are empty on both sides. */
  long[][] nonEmptyTable() {
    int k = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] + current[i] > 0) {
        k++;
      }
    }
    long[][] table = new long[2][k];
    int j = 0;
    for (int i = 0; i < reference.length; i++) {
      if (reference[i] + current[i] > 0) {
        table[0][j] = reference[i];
        table[1][j++] = current[i];
      }
    }
    return table;
  }
}
