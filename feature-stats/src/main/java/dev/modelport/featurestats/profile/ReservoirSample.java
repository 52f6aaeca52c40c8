package dev.modelport.featurestats.profile;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A uniform random sample of at most {@code capacity} values of a stream (Vitter's algorithm R).
 * While the stream is no longer than the capacity the sample is the whole stream ({@link
 * #isComplete()}), which is what lets drift statistics on small data be exact. Two samples merge
 * into a uniform sample of the union: the number taken from each side follows the hypergeometric
 * law of the two stream lengths.
 *
 * <p>Memory grows with the values seen up to {@code capacity} doubles. One random draw per value
 * once full. Not thread-safe.
 */
public final class ReservoirSample {

  private final int capacity;
  private final SplittableRandom random;
  private double[] values;
  private int size;
  private long seen;

  public ReservoirSample(int capacity, long seed) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.random = new SplittableRandom(seed);
    this.values = new double[Math.min(capacity, 64)];
  }

  /**
   * Restores a sample written by a profile: {@code values} are the retained values of {@code seen}.
   */
  public static ReservoirSample restore(int capacity, long seed, long seen, double[] values) {
    if (values.length > capacity || values.length != Math.min(seen, capacity)) {
      throw new IllegalArgumentException(
          "reservoir of "
              + values.length
              + " values cannot hold "
              + seen
              + " seen values at capacity "
              + capacity);
    }
    ReservoirSample r = new ReservoirSample(capacity, seed ^ seen);
    r.values = Arrays.copyOf(values, Math.max(values.length, Math.min(capacity, 64)));
    r.size = values.length;
    r.seen = seen;
    return r;
  }

  public void update(double x) {
    seen++;
    if (size < capacity) {
      if (size == values.length) {
        values = Arrays.copyOf(values, (int) Math.min(capacity, 2L * values.length));
      }
      values[size++] = x;
    } else {
      long j = random.nextLong(seen);
      if (j < capacity) {
        values[(int) j] = x;
      }
    }
  }

  /** Replaces this sample by a uniform sample of this stream followed by {@code other}'s. */
  public void merge(ReservoirSample other) {
    if (other.capacity != capacity) {
      throw new IllegalArgumentException(
          "reservoir capacities differ: " + capacity + " and " + other.capacity);
    }
    if (isComplete() && other.isComplete() && size + other.size <= capacity) {
      for (int i = 0; i < other.size; i++) {
        update(other.values[i]);
      }
      return;
    }
    long total = seen + other.seen;
    int target = (int) Math.min(capacity, total);
    long remainingThis = seen;
    long remainingOther = other.seen;
    int fromThis = 0;
    for (int i = 0; i < target; i++) {
      if (random.nextDouble() * (remainingThis + remainingOther) < remainingThis) {
        fromThis++;
        remainingThis--;
      } else {
        remainingOther--;
      }
    }
    double[] merged = new double[capacity];
    int n = copyRandomSubset(values, size, fromThis, merged, 0);
    copyRandomSubset(other.values, other.size, target - fromThis, merged, n);
    values = merged;
    size = target;
    seen = total;
  }

  private int copyRandomSubset(
      double[] source, int sourceSize, int count, double[] target, int offset) {
    double[] pool = Arrays.copyOf(source, sourceSize);
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(sourceSize - i);
      double t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
      target[offset + i] = pool[i];
    }
    return offset + count;
  }

  public int capacity() {
    return capacity;
  }

  /** Number of values offered to the sample. */
  public long seen() {
    return seen;
  }

  /** Number of values retained: {@code min(seen, capacity)}. */
  public int size() {
    return size;
  }

  /** True when the sample holds every value seen (so statistics on it are exact). */
  public boolean isComplete() {
    return seen == size;
  }

  /** A copy of the retained values, in no particular order. */
  public double[] values() {
    return Arrays.copyOf(values, size);
  }

  /** A sorted copy of the retained values. */
  public double[] sortedValues() {
    double[] copy = values();
    Arrays.sort(copy);
    return copy;
  }
}
