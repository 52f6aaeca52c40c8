package dev.modelport.drift.evaluation;

import dev.modelport.featurestats.drift.FeatureDriftResult;

/**
 * Prediction drift of one output column in one window: the live distribution's summary, the
 * comparison with the baseline's column of the same name when the baseline holds one, and the
 * histogram. Immutable.
 *
 * @param column column name ({@code <output>} or {@code <output>_<k>})
 * @param summary the live values' summary
 * @param drift the comparison with the baseline; null when the baseline has no such column
 * @param histogram baseline (when there is one) and live fractions on common bins
 */
public record OutputColumnReport(
    String column, OutputSummary summary, FeatureDriftResult drift, FeatureHistogram histogram) {}
