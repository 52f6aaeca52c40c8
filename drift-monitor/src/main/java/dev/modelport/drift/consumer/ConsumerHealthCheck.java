package dev.modelport.drift.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness ({@code /q/health/live}): down when the consumer loop has ended by a fatal error, so
 * that Kubernetes restarts the pod; the group's other members take over its partitions meanwhile.
 */
@Liveness
@ApplicationScoped
public class ConsumerHealthCheck implements HealthCheck {

  @Inject DriftConsumerService service;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("drift-consumer").status(service.healthy()).build();
  }
}
