package dev.modelport.drift.window;

import dev.modelport.drift.DriftMonitorConfig;
import dev.modelport.drift.ModelVersionKey;
import java.util.function.Function;

/**
 * The {@link WindowPolicy} of each model: its overrides, else the service-wide window settings.
 * Thread-safe.
 */
public final class WindowPolicies implements Function<ModelVersionKey, WindowPolicy> {

  private final DriftMonitorConfig config;

  public WindowPolicies(DriftMonitorConfig config) {
    this.config = config;
  }

  @Override
  public WindowPolicy apply(ModelVersionKey key) {
    DriftMonitorConfig.Window defaults = config.window();
    DriftMonitorConfig.ModelSettings m = config.models().get(key.model());
    if (m == null) {
      return new WindowPolicy(defaults.maxRows(), defaults.maxDuration());
    }
    return new WindowPolicy(
        m.window().maxRows().orElse(defaults.maxRows()),
        m.window().maxDuration().orElse(defaults.maxDuration()));
  }
}
