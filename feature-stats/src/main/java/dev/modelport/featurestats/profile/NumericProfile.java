package dev.modelport.featurestats.profile;

import java.util.Objects;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Profile of a numeric feature: count and missing count, {@link RunningMoments} (min, max, mean,
 * variance), a KLL quantile sketch (Apache DataSketches), a {@link ReservoirSample}, exact counts
 * while the feature has at most five distinct values, and the bin edges for PSI.
 *
 * <p>Cost per value: a Welford step, a KLL update (amortised O(1)), one random draw once the
 * reservoir is full, a branch for the distinct-value counter; about 3 KB for the sketch at k = 200
 * plus 8 bytes per reservoir value. Not thread-safe.
 *
 * <p>{@link #binEdges()} are computed from the exact sample while it holds every value, from the
 * sketch afterwards; a profile read from JSON keeps the edges it was written with until it changes.
 */
public final class NumericProfile implements FeatureProfile {

  private final String name;
  private final ProfileOptions options;
  private final RunningMoments moments;
  private final KllDoublesSketch sketch;
  private final ReservoirSample reservoir;
  private final LowCardinalityCounts lowCardinality;
  private long missing;
  private double[] binEdges;

  public NumericProfile(String name, ProfileOptions options) {
    this(
        name,
        options,
        new RunningMoments(),
        KllDoublesSketch.newHeapInstance(options.kllK()),
        new ReservoirSample(options.reservoirCapacity(), options.seed() ^ name.hashCode()),
        new LowCardinalityCounts(),
        0,
        null);
  }

  /** Restores a profile from its parts (used by the JSON reader); takes ownership of them. */
  public static NumericProfile restore(
      String name,
      ProfileOptions options,
      RunningMoments moments,
      KllDoublesSketch sketch,
      ReservoirSample reservoir,
      LowCardinalityCounts lowCardinality,
      long missing,
      double[] binEdges) {
    return new NumericProfile(
        name,
        options,
        moments,
        sketch,
        reservoir,
        lowCardinality,
        missing,
        binEdges == null ? null : binEdges.clone());
  }

  private NumericProfile(
      String name,
      ProfileOptions options,
      RunningMoments moments,
      KllDoublesSketch sketch,
      ReservoirSample reservoir,
      LowCardinalityCounts lowCardinality,
      long missing,
      double[] binEdges) {
    this.name = Objects.requireNonNull(name, "name");
    this.options = Objects.requireNonNull(options, "options");
    this.moments = moments;
    this.sketch = sketch;
    this.reservoir = reservoir;
    this.lowCardinality = lowCardinality;
    this.missing = missing;
    this.binEdges = binEdges;
  }

  /** Adds a value; NaN counts as missing. Infinite values are counted but make moments infinite. */
  public void update(double x) {
    if (x != x) {
      missing++;
      return;
    }
    moments.update(x);
    sketch.update(x);
    reservoir.update(x);
    lowCardinality.update(x);
    binEdges = null;
  }

  public void update(double[] values) {
    for (double v : values) {
      update(v);
    }
  }

  /** Adds a value that may be absent (null is missing). */
  public void update(Double x) {
    if (x == null) {
      missing++;
    } else {
      update(x.doubleValue());
    }
  }

  @Override
  public void accept(double value) {
    update(value);
  }

  @Override
  public void acceptMissing() {
    missing++;
  }

  @Override
  public void merge(FeatureProfile other) {
    if (!(other instanceof NumericProfile o) || !o.name.equals(name)) {
      throw new IllegalArgumentException(
          "cannot merge " + other.name() + " (" + other.type() + ") into numeric feature " + name);
    }
    if (!o.options.equals(options)) {
      throw new IllegalArgumentException("profile options differ for feature " + name);
    }
    moments.merge(o.moments);
    sketch.merge(o.sketch);
    reservoir.merge(o.reservoir);
    lowCardinality.merge(o.lowCardinality);
    missing += o.missing;
    binEdges = null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FeatureType type() {
    return FeatureType.NUMERIC;
  }

  @Override
  public long count() {
    return moments.count();
  }

  @Override
  public long missing() {
    return missing;
  }

  public ProfileOptions options() {
    return options;
  }

  public double min() {
    return moments.min();
  }

  public double max() {
    return moments.max();
  }

  public double mean() {
    return moments.mean();
  }

  /** Population variance (n in the denominator). */
  public double variance() {
    return moments.variance();
  }

  /** Population standard deviation, as {@code numpy.std}. */
  public double standardDeviation() {
    return moments.standardDeviation();
  }

  /** True while the reservoir holds every non-missing value, so statistics on it are exact. */
  public boolean isExact() {
    return reservoir.isComplete();
  }

  /** Sorted copy of the reservoir sample (all values while {@link #isExact()}). */
  public double[] sortedSample() {
    return reservoir.sortedValues();
  }

  /**
   * The KLL sketch. The caller must not update it; it is shared for reading (rank queries, sorted
   * view) and for serialisation.
   */
  public KllDoublesSketch sketch() {
    return sketch;
  }

  /** The reservoir sample (read it, do not update it). */
  public ReservoirSample reservoir() {
    return reservoir;
  }

  /** Exact value counts while the feature has at most five distinct values. */
  public LowCardinalityCounts lowCardinality() {
    return lowCardinality;
  }

  /** Bin edges at the reference quantiles (deciles by default), duplicates removed; a copy. */
  public double[] binEdges() {
    if (binEdges == null) {
      binEdges =
          isExact()
              ? QuantileEdges.ofSorted(reservoir.sortedValues(), options.binCount())
              : QuantileEdges.ofSketch(sketch, options.binCount());
    }
    return binEdges.clone();
  }
}
