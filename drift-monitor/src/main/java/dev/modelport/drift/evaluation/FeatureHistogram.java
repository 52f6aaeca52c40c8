package dev.modelport.drift.evaluation;

import dev.modelport.featurestats.profile.FeatureType;
import java.util.List;

/**
 * Baseline and live distributions of one feature on common bins, as fractions of each side's values
 * (each side sums to 1 unless it is empty). Numeric features get equal-width bins over the range
 * both sides cover; categorical ones their categories. Immutable.
 *
 * @param feature feature name
 * @param type feature type
 * @param labels bin labels (the lower edge of a numeric bin, or the category)
 * @param edges numeric bin edges ({@code labels.size() + 1} values); empty for categories
 * @param baseline baseline fraction per bin; empty when there is no baseline
 * @param live live fraction per bin
 */
public record FeatureHistogram(
    String feature,
    FeatureType type,
    List<String> labels,
    List<Double> edges,
    List<Double> baseline,
    List<Double> live) {

  public FeatureHistogram {
    labels = List.copyOf(labels);
    edges = List.copyOf(edges);
    baseline = List.copyOf(baseline);
    live = List.copyOf(live);
  }
}
