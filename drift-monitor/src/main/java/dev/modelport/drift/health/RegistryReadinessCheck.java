package dev.modelport.drift.health;

import dev.modelport.drift.DriftMonitorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code registry}: down while the registry at {@code modelport.drift.registry.url}
 * does not answer its model list with 200 within {@code modelport.drift.readiness.timeout}
 * (unreachable, failing, or refusing the API key).
 */
@Readiness
@ApplicationScoped
public class RegistryReadinessCheck implements HealthCheck {

  @Inject DriftMonitorConfig config;

  private RegistryProbe probe;

  @Override
  public HealthCheckResponse call() {
    ProbeResult r = probe().check();
    return HealthCheckResponse.named("registry")
        .status(r.up())
        .withData("detail", r.detail())
        .build();
  }

  private synchronized RegistryProbe probe() {
    if (probe == null) {
      probe =
          new RegistryProbe(
              URI.create(config.registry().url()),
              config.registry().apiKey().orElse(null),
              config.readiness().timeout());
    }
    return probe;
  }
}
