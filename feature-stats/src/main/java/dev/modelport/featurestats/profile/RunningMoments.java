package dev.modelport.featurestats.profile;

/**
 * Count, minimum, maximum, mean and population variance of a stream, updated with Welford's
 * recurrence and merged with Chan et al.'s pairwise formula, so that partitions and windows combine
 * without loss of precision. Not thread-safe; O(1) per value.
 */
public final class RunningMoments {

  private long count;
  private double mean;
  private double m2;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  public RunningMoments() {}

  /** Restores moments written by a profile; {@code variance} is the population variance. */
  public static RunningMoments restore(
      long count, double mean, double variance, double min, double max) {
    RunningMoments m = new RunningMoments();
    if (count > 0) {
      m.count = count;
      m.mean = mean;
      m.m2 = variance * count;
      m.min = min;
      m.max = max;
    }
    return m;
  }

  public void update(double x) {
    count++;
    double delta = x - mean;
    mean += delta / count;
    m2 += delta * (x - mean);
    if (x < min) {
      min = x;
    }
    if (x > max) {
      max = x;
    }
  }

  public void merge(RunningMoments other) {
    if (other.count == 0) {
      return;
    }
    if (count == 0) {
      count = other.count;
      mean = other.mean;
      m2 = other.m2;
      min = other.min;
      max = other.max;
      return;
    }
    long n = count + other.count;
    double delta = other.mean - mean;
    mean += delta * other.count / n;
    m2 += other.m2 + delta * delta * ((double) count * other.count / n);
    count = n;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
  }

  public long count() {
    return count;
  }

  /** Mean, or NaN when empty. */
  public double mean() {
    return count == 0 ? Double.NaN : mean;
  }

  /** Population variance (divided by n, as {@code numpy.var}), or NaN when empty. */
  public double variance() {
    return count == 0 ? Double.NaN : m2 / count;
  }

  /** Population standard deviation (as {@code numpy.std}), or NaN when empty. */
  public double standardDeviation() {
    return Math.sqrt(variance());
  }

  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  public double max() {
    return count == 0 ? Double.NaN : max;
  }
}
