package dev.modelport.serving.health;

import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ServingLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /q/health/ready}: up once the startup model loads have finished and until shutdown begins
 * (the same answer as {@code /v2/health/ready}); lists the ready model versions and, per model, the
 * live versions with their roles and the last rollout failure.
 */
@Readiness
@ApplicationScoped
public class ServingReadiness implements HealthCheck {

  @Inject ServingLifecycle lifecycle;
  @Inject ModelManager models;

  @Override
  public HealthCheckResponse call() {
    long ready = models.versions().stream().filter(v -> v.isReady()).count();
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("modelport-serving")
            .status(lifecycle.isStarted())
            .withData("readyVersions", ready);
    for (String model : models.knownModels()) {
      StringBuilder detail = new StringBuilder();
      models
          .roles(model)
          .forEach(
              (v, role) ->
                  detail
                      .append(detail.isEmpty() ? "" : ", ")
                      .append(role.tag())
                      .append(' ')
                      .append(v));
      String failure = models.failure(model);
      if (!failure.isEmpty()) {
        detail.append(detail.isEmpty() ? "" : "; ").append("last rollout failed: ").append(failure);
      }
      response.withData(model, detail.isEmpty() ? "not served" : detail.toString());
    }
    return response.build();
  }
}
