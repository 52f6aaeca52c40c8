package dev.modelport.drift.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a {@link FakeRegistry} holding version 1 of breast-cancer-mlp and credit-risk-mixed with
 * baselines from their train.csv, and points the drift-monitor's registry and Alertmanager URLs at
 * it.
 */
public class FakeRegistryResource implements QuarkusTestResourceLifecycleManager {

  private FakeRegistry registry;

  @Override
  public Map<String, String> start() {
    registry =
        new FakeRegistry()
            .register(
                ExampleModels.BREAST,
                1,
                ExampleModels.breastSignature(),
                ExampleModels.baselineJson(ExampleModels.BREAST, ExampleModels.breastSignature()))
            .register(
                ExampleModels.CREDIT,
                1,
                ExampleModels.creditSignature(),
                ExampleModels.baselineJson(ExampleModels.CREDIT, ExampleModels.creditSignature()));
    return Map.of(
        "modelport.drift.registry.url",
        registry.uri().toString(),
        "modelport.drift.actions.alertmanager-url",
        registry.uri() + "/api/v2/alerts");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        registry,
        new TestInjector.AnnotatedAndMatchesType(InjectFakeRegistry.class, FakeRegistry.class));
  }

  @Override
  public void stop() {
    if (registry != null) {
      registry.close();
    }
  }
}
