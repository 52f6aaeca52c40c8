package dev.modelport.drift.health;

import dev.modelport.drift.DriftMonitorConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code kafka-broker}: down while no broker of {@code
 * modelport.drift.consumer.bootstrap-servers} answers within {@code
 * modelport.drift.readiness.timeout}; up without asking when the consumer is disabled.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerReadinessCheck implements HealthCheck {

  @Inject DriftMonitorConfig config;

  private BrokerProbe probe;

  @Override
  public HealthCheckResponse call() {
    if (!config.consumer().enabled()) {
      return HealthCheckResponse.named("kafka-broker")
          .up()
          .withData("detail", "consumer disabled")
          .build();
    }
    ProbeResult r = probe().check();
    return HealthCheckResponse.named("kafka-broker")
        .status(r.up())
        .withData("detail", r.detail())
        .build();
  }

  private synchronized BrokerProbe probe() {
    if (probe == null) {
      probe =
          new BrokerProbe(
              config.consumer().bootstrapServers(),
              config.consumer().kafkaProperties(),
              config.readiness().timeout());
    }
    return probe;
  }

  @PreDestroy
  synchronized void close() {
    if (probe != null) {
      probe.close();
    }
  }
}
