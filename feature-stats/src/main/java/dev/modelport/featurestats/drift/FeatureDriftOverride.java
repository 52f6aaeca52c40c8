package dev.modelport.featurestats.drift;

/**
 * A per-feature choice that replaces the defaults; either part may be null (keep the default).
 *
 * @param method the method that decides drift for this feature
 * @param threshold its threshold (a p-value level for tests, a distance otherwise)
 */
public record FeatureDriftOverride(DriftMethod method, Double threshold) {}
