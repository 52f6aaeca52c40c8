package dev.modelport.featurestats.profile;

import java.util.Arrays;

/**
 * Exact counts of a numeric feature's distinct values while there are at most {@link #LIMIT} of
 * them. Evidently compares numeric columns with at most five distinct values as categories
 * (chi-square, Z-test, Jensen–Shannon); this keeps what that needs. After a sixth distinct value it
 * stops counting ({@link #overflowed()}) and costs one branch per value. Not thread-safe.
 */
public final class LowCardinalityCounts {

  /** Most distinct values counted (Evidently's {@code n_unique <= 5}). */
  public static final int LIMIT = 5;

  private double[] values = new double[LIMIT];
  private long[] counts = new long[LIMIT];
  private int size;
  private boolean overflowed;

  public static LowCardinalityCounts restore(double[] values, long[] counts) {
    LowCardinalityCounts c = new LowCardinalityCounts();
    if (values == null) {
      c.overflow();
      return c;
    }
    if (values.length != counts.length || values.length > LIMIT) {
      throw new IllegalArgumentException("invalid low-cardinality counts");
    }
    for (int i = 0; i < values.length; i++) {
      c.add(values[i], counts[i]);
    }
    return c;
  }

  public void update(double x) {
    if (!overflowed) {
      add(x, 1);
    }
  }

  private void add(double x, long count) {
    for (int i = 0; i < size; i++) {
      if (values[i] == x) {
        counts[i] += count;
        return;
      }
    }
    if (size == LIMIT) {
      overflow();
      return;
    }
    values[size] = x;
    counts[size++] = count;
  }

  private void overflow() {
    overflowed = true;
    values = null;
    counts = null;
    size = 0;
  }

  public void merge(LowCardinalityCounts other) {
    if (other.overflowed) {
      overflow();
      return;
    }
    for (int i = 0; i < other.size && !overflowed; i++) {
      add(other.values[i], other.counts[i]);
    }
  }

  /** True once more than {@link #LIMIT} distinct values were seen. */
  public boolean overflowed() {
    return overflowed;
  }

  /** Distinct values in ascending order (empty once overflowed). */
  public double[] sortedValues() {
    if (overflowed) {
      return new double[0];
    }
    double[] v = Arrays.copyOf(values, size);
    Arrays.sort(v);
    return v;
  }

  /** Count of {@code value}; 0 when absent or once overflowed. */
  public long count(double value) {
    for (int i = 0; i < size; i++) {
      if (values[i] == value) {
        return counts[i];
      }
    }
    return 0;
  }
}
