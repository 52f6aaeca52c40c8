package dev.modelport.drift.evaluation;

import dev.modelport.featurestats.profile.NumericProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Summary of a numeric column's live values in one window: count, mean, range and quantiles (from
 * the KLL sketch: rank error about 1.65 %; exact below the reservoir size). Immutable.
 *
 * @param count values
 * @param mean their mean (NaN without values)
 * @param min smallest (NaN without values)
 * @param max largest (NaN without values)
 * @param quantiles p05, p25, p50, p75, p95 (empty without values)
 */
public record OutputSummary(
    long count, double mean, double min, double max, Map<String, Double> quantiles) {

  static final double[] LEVELS = {0.05, 0.25, 0.5, 0.75, 0.95};

  public OutputSummary {
    quantiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantiles));
  }

  static OutputSummary of(NumericProfile p) {
    if (p.count() == 0) {
      return new OutputSummary(0, Double.NaN, Double.NaN, Double.NaN, Map.of());
    }
    Map<String, Double> q = new LinkedHashMap<>();
    double[] sorted = p.isExact() ? p.sortedSample() : null;
    for (double level : LEVELS) {
      String name = "p" + (level == 0.05 ? "05" : String.valueOf(Math.round(level * 100)));
      q.put(name, sorted != null ? exact(sorted, level) : p.sketch().getQuantile(level));
    }
    return new OutputSummary(p.count(), p.mean(), p.min(), p.max(), q);
  }

  /** The lower empirical quantile (the value at rank ceil(level * n)). */
  private static double exact(double[] sorted, double level) {
    int rank = (int) Math.ceil(level * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
