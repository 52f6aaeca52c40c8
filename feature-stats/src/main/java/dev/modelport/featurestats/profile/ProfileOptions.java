package dev.modelport.featurestats.profile;

import org.apache.datasketches.kll.KllSketch;

/**
 * Sizes of the sketches and samples kept per feature. Two profiles merge only when their options
 * are equal (the reservoir capacity and bins must agree; KLL sketches of different k would merge,
 * but one setting per model keeps error bounds simple).
 *
 * @param kllK KLL accuracy parameter; k = 200 gives about 1.65 % normalised rank error (99 %
 *     confidence) in about 3 KB per feature once the stream is long
 * @param reservoirCapacity values kept in the uniform reservoir sample per numeric feature; while a
 *     feature has seen no more values than this, the sample holds all of them and drift statistics
 *     are exact
 * @param binCount number of reference bins for PSI and the binned Jensen–Shannon distance (10 gives
 *     deciles)
 * @param categoryCap distinct categories counted exactly before a feature switches to a
 *     frequent-items sketch
 * @param frequentItemsMapSize maximum map size of the frequent-items sketch (a power of two; the
 *     sketch tracks up to 3/4 of it)
 * @param seed seed of the reservoir's random choices, so that the same rows give the same profile
 */
public record ProfileOptions(
    int kllK,
    int reservoirCapacity,
    int binCount,
    int categoryCap,
    int frequentItemsMapSize,
    long seed) {

  /**
   * Defaults: k = 200, 10,000 reservoir values, deciles, 1,000 exact categories, map size 4,096.
   */
  public static final ProfileOptions DEFAULTS =
      new ProfileOptions(200, 10_000, 10, 1_000, 4_096, 0x5eed_f00dL);

  public ProfileOptions {
    if (kllK < 8 || kllK > 65_535) {
      throw new IllegalArgumentException("kllK must be in [8, 65535]: " + kllK);
    }
    if (reservoirCapacity < 1) {
      throw new IllegalArgumentException(
          "reservoirCapacity must be positive: " + reservoirCapacity);
    }
    if (binCount < 2) {
      throw new IllegalArgumentException("binCount must be at least 2: " + binCount);
    }
    if (categoryCap < 1) {
      throw new IllegalArgumentException("categoryCap must be positive: " + categoryCap);
    }
    if (Integer.bitCount(frequentItemsMapSize) != 1 || frequentItemsMapSize < 8) {
      throw new IllegalArgumentException(
          "frequentItemsMapSize must be a power of two >= 8: " + frequentItemsMapSize);
    }
  }

  public ProfileOptions withReservoirCapacity(int capacity) {
    return new ProfileOptions(kllK, capacity, binCount, categoryCap, frequentItemsMapSize, seed);
  }

  public ProfileOptions withBinCount(int bins) {
    return new ProfileOptions(
        kllK, reservoirCapacity, bins, categoryCap, frequentItemsMapSize, seed);
  }

  public ProfileOptions withCategoryCap(int cap) {
    return new ProfileOptions(kllK, reservoirCapacity, binCount, cap, frequentItemsMapSize, seed);
  }

  public ProfileOptions withKllK(int k) {
    return new ProfileOptions(
        k, reservoirCapacity, binCount, categoryCap, frequentItemsMapSize, seed);
  }

  /** The KLL sketch's a-priori normalised rank error for single-rank queries at this k. */
  public double kllRankError() {
    return KllSketch.getNormalizedRankError(kllK, false);
  }
}
