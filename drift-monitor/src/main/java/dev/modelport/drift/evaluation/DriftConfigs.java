package dev.modelport.drift.evaluation;

import dev.modelport.drift.DriftMonitorConfig;
import dev.modelport.featurestats.drift.DriftConfig;
import dev.modelport.featurestats.drift.DriftMethod;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The {@link DriftConfig} of each model: Evidently's defaults, the service-wide dataset drift
 * share, then the model's overrides from {@code modelport.drift.models.<model>}. Built once per
 * model and cached. Thread-safe.
 */
public final class DriftConfigs implements Function<String, DriftConfig> {

  private final DriftMonitorConfig config;
  private final Map<String, DriftConfig> byModel = new ConcurrentHashMap<>();

  public DriftConfigs(DriftMonitorConfig config) {
    this.config = config;
  }

  @Override
  public DriftConfig apply(String model) {
    return byModel.computeIfAbsent(model, this::build);
  }

  private DriftConfig build(String model) {
    DriftConfig c = DriftConfig.defaults().withDatasetDriftShare(config.datasetDriftShare());
    DriftMonitorConfig.ModelSettings m = config.models().get(model);
    if (m == null) {
      return c;
    }
    if (m.datasetDriftShare().isPresent()) {
      c = c.withDatasetDriftShare(m.datasetDriftShare().getAsDouble());
    }
    for (Map.Entry<String, DriftMonitorConfig.FeatureSettings> f : m.features().entrySet()) {
      DriftMethod method =
          f.getValue()
              .method()
              .map(s -> DriftMethod.valueOf(s.trim().toUpperCase(Locale.ROOT)))
              .orElse(null);
      Double threshold =
          f.getValue().threshold().isPresent() ? f.getValue().threshold().getAsDouble() : null;
      c = c.withFeature(f.getKey(), method, threshold);
    }
    return c;
  }
}
