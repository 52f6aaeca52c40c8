package dev.modelport.featurestats.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.featurestats.profile.NumericProfile;
import dev.modelport.featurestats.profile.ProfileOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Statistics computed from KLL sketches (reservoir overflowed) stay within their stated error
 * bounds of the exact statistics on the full samples, over many random cases.
 */
class SketchErrorBoundTest {

  static final int CASES = 120;
  static final ProfileOptions SMALL_RESERVOIR = ProfileOptions.DEFAULTS.withReservoirCapacity(100);

  @Test
  void ksFromSketchesIsWithinTheSumOfTheRankErrorsOfTheExactStatistic() {
    SplittableRandom random = new SplittableRandom(42);
    double worstRatio = 0;
    for (int c = 0; c < CASES; c++) {
      Pair p = randomPair(random);
      EmpiricalCdf a = EmpiricalCdf.of(p.reference);
      EmpiricalCdf b = EmpiricalCdf.of(p.current);
      assertThat(a.isExact() || b.isExact()).isFalse();
      double exact =
          KolmogorovSmirnov.statistic(
              EmpiricalCdf.ofSorted(p.referenceValues), EmpiricalCdf.ofSorted(p.currentValues));
      double sketched = KolmogorovSmirnov.statistic(a, b);
      double bound = a.rankError() + b.rankError();
      assertThat(Math.abs(sketched - exact)).as("case %d", c).isLessThanOrEqualTo(bound);
      worstRatio = Math.max(worstRatio, Math.abs(sketched - exact) / bound);
    }
    // the bound is not vacuous: the sketches do err, by a visible part of it
    assertThat(worstRatio).isGreaterThan(0.01);
  }

  @Test
  void wassersteinFromSketchesIsWithinRankErrorsTimesTheRange() {
    SplittableRandom random = new SplittableRandom(7);
    for (int c = 0; c < CASES; c++) {
      Pair p = randomPair(random);
      EmpiricalCdf a = EmpiricalCdf.of(p.reference);
      EmpiricalCdf b = EmpiricalCdf.of(p.current);
      double exact =
          Wasserstein.distance(
              EmpiricalCdf.ofSorted(p.referenceValues), EmpiricalCdf.ofSorted(p.currentValues));
      double sketched = Wasserstein.distance(a, b);
      double range =
          Math.max(p.reference.max(), p.current.max())
              - Math.min(p.reference.min(), p.current.min());
      double bound = (a.rankError() + b.rankError()) * range;
      assertThat(Math.abs(sketched - exact)).as("case %d", c).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void resultsSayWhenTheyCameFromSketches() {
    Pair p = randomPair(new SplittableRandom(3));
    NumericProfile small = new NumericProfile("x", SMALL_RESERVOIR);
    for (int i = 0; i < 50; i++) {
      small.update(i);
    }
    NumericProfile small2 = new NumericProfile("x", SMALL_RESERVOIR);
    for (int i = 0; i < 60; i++) {
      small2.update(i * 0.5);
    }
    assertThat(new DriftDetector().compare(p.reference, p.current).estimation())
        .isEqualTo(Estimation.SKETCH);
    assertThat(new DriftDetector().compare(small, small2).estimation()).isEqualTo(Estimation.EXACT);
  }

  private static Pair randomPair(SplittableRandom random) {
    int n = 5_000 + random.nextInt(20_000);
    int m = 5_000 + random.nextInt(20_000);
    double shift = random.nextDouble() * 0.5;
    double scale = 0.5 + random.nextDouble();
    boolean skewed = random.nextBoolean();
    double[] r = new double[n];
    double[] c = new double[m];
    for (int i = 0; i < n; i++) {
      r[i] = draw(random, 0, 1, skewed);
    }
    for (int i = 0; i < m; i++) {
      c[i] = draw(random, shift, scale, skewed);
    }
    NumericProfile ref = new NumericProfile("x", SMALL_RESERVOIR);
    NumericProfile cur = new NumericProfile("x", SMALL_RESERVOIR);
    ref.update(r);
    cur.update(c);
    Arrays.sort(r);
    Arrays.sort(c);
    return new Pair(ref, cur, r, c);
  }

  private static double draw(SplittableRandom random, double shift, double scale, boolean skewed) {
    double g = gaussian(random);
    return skewed ? Math.exp(g * scale) + shift : g * scale + shift;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
        * Math.cos(2 * Math.PI * random.nextDouble());
  }

  record Pair(
      NumericProfile reference,
      NumericProfile current,
      double[] referenceValues,
      double[] currentValues) {}
}
