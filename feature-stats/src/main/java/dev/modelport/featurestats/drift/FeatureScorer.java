package dev.modelport.featurestats.drift;

import dev.modelport.featurestats.profile.CategoricalProfile;
import dev.modelport.featurestats.profile.LowCardinalityCounts;
import dev.modelport.featurestats.profile.NumericProfile;
import java.util.EnumMap;
import java.util.Map;

/**
 * Computes every applicable drift statistic of one feature between a reference and a current
 * profile (both non-empty).
 *
 * <p>Numeric: KS, Wasserstein (plain and normed), and PSI and Jensen–Shannon on the reference's bin
 * edges; exact while both reservoirs hold every value, else from the KLL sketches (mixed is fine:
 * an exact side contributes no error). When both sides together have at most five distinct values,
 * the feature is also compared as categories (chi-square, Z-test for two values) and PSI and
 * Jensen–Shannon use the value counts instead of the bins, as Evidently does for few distinct
 * values.
 *
 * <p>Categorical: chi-square, Z-test (at most two categories), PSI and Jensen–Shannon on the union
 * of categories; exact while both profiles count exactly. Cost: O(sample or sketch size) per
 * feature, plus the sort of the two reservoirs when exact.
 */
public final class FeatureScorer {

  private FeatureScorer() {}

  /** All scores of a numeric feature and the number of distinct values (-1 when more than five). */
  public static Scores numeric(NumericProfile reference, NumericProfile current) {
    Map<DriftMethod, DriftScore> scores = new EnumMap<>(DriftMethod.class);
    EmpiricalCdf ref = EmpiricalCdf.of(reference);
    EmpiricalCdf cur = EmpiricalCdf.of(current);
    Estimation estimation = ref.isExact() && cur.isExact() ? Estimation.EXACT : Estimation.SKETCH;

    scores.put(DriftMethod.KS, KolmogorovSmirnov.score(ref, cur));
    double w = Wasserstein.distance(ref, cur);
    scores.put(
        DriftMethod.WASSERSTEIN, DriftScore.distance(DriftMethod.WASSERSTEIN, w, estimation));
    scores.put(
        DriftMethod.WASSERSTEIN_NORMED,
        DriftScore.distance(
            DriftMethod.WASSERSTEIN_NORMED,
            Wasserstein.normed(w, reference.standardDeviation()),
            estimation));

    int distinct = distinctValues(reference.lowCardinality(), current.lowCardinality());
    if (distinct >= 0) {
      AlignedCounts counts = AlignedCounts.of(reference.lowCardinality(), current.lowCardinality());
      putCategoryScores(scores, counts, Estimation.EXACT);
    } else {
      double[] edges = reference.binEdges();
      double[] rf = ref.binFractions(edges);
      double[] cf = cur.binFractions(edges);
      scores.put(
          DriftMethod.PSI,
          DriftScore.distance(
              DriftMethod.PSI, PopulationStabilityIndex.compute(rf, cf), estimation));
      scores.put(
          DriftMethod.JENSEN_SHANNON,
          DriftScore.distance(
              DriftMethod.JENSEN_SHANNON, JensenShannon.distance(rf, cf), estimation));
    }
    return new Scores(scores, distinct);
  }

  /** All scores of a categorical feature and its number of distinct categories. */
  public static Scores categorical(CategoricalProfile reference, CategoricalProfile current) {
    Map<DriftMethod, DriftScore> scores = new EnumMap<>(DriftMethod.class);
    AlignedCounts counts = AlignedCounts.of(reference.frequencies(), current.frequencies());
    Estimation estimation =
        reference.isExact() && current.isExact() ? Estimation.EXACT : Estimation.SKETCH;
    putCategoryScores(scores, counts, estimation);
    return new Scores(scores, counts.distinct());
  }

  private static void putCategoryScores(
      Map<DriftMethod, DriftScore> scores, AlignedCounts counts, Estimation estimation) {
    scores.put(DriftMethod.CHI_SQUARE, ChiSquareHomogeneity.score(counts, estimation));
    if (ProportionZTest.applicable(counts)) {
      scores.put(DriftMethod.Z_TEST, ProportionZTest.score(counts, estimation));
    }
    double[] rf = counts.referenceFractions();
    double[] cf = counts.currentFractions();
    scores.put(
        DriftMethod.PSI,
        DriftScore.distance(DriftMethod.PSI, PopulationStabilityIndex.compute(rf, cf), estimation));
    scores.put(
        DriftMethod.JENSEN_SHANNON,
        DriftScore.distance(
            DriftMethod.JENSEN_SHANNON, JensenShannon.distance(rf, cf), estimation));
  }

  private static int distinctValues(LowCardinalityCounts a, LowCardinalityCounts b) {
    if (a.overflowed() || b.overflowed()) {
      return -1;
    }
    int n = AlignedCounts.of(a, b).distinct();
    return n <= EvidentlyDefaults.LOW_CARDINALITY_LIMIT ? n : -1;
  }

  /**
   * Scores of one feature.
   *
   * @param scores by method
   * @param distinct distinct values or categories of both sides together; -1 for a numeric feature
   *     with more than five
   */
  public record Scores(Map<DriftMethod, DriftScore> scores, int distinct) {}
}
