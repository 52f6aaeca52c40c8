package dev.modelport.serving.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.protocol.model.VersionNumber;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exemplars.Exemplar;
import io.prometheus.client.exemplars.ExemplarSampler;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServingMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ServingMetrics metrics = new ServingMetrics(registry);

  @Test
  void aServedVersionsMetersAreThoseTaggedWithItsDecimalVersion() {
    RequestMeters served = metrics.requestMeters("iris", VersionNumber.of(12));
    assertThat(served).isSameAs(metrics.requestMeters("iris", "12"));
    assertThat(metrics.requestMeters("iris", new VersionNumber(12))).isSameAs(served);
    assertThat(metrics.requestMeters("iris", VersionNumber.of(1))).isNotSameAs(served);
    assertThat(metrics.requestMeters("wine", VersionNumber.of(12))).isNotSameAs(served);
  }

  @Test
  void onlyTheRequestDurationsGoToTheRegistryWithExemplarsAndAllAreScrapedTogether() {
    AtomicInteger asked = new AtomicInteger();
    ExemplarSampler counting =
        new ExemplarSampler() {
          @Override
          public Exemplar sample(double increment, Exemplar previous) {
            asked.incrementAndGet();
            return null;
          }

          @Override
          public Exemplar sample(double value, double from, double to, Exemplar previous) {
            asked.incrementAndGet();
            return null;
          }
        };
    CollectorRegistry collectors = new CollectorRegistry();
    PrometheusMeterRegistry plain =
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, collectors, Clock.SYSTEM);
    ServingMetrics split =
        new ServingMetrics(
            plain,
            new PrometheusMeterRegistry(
                PrometheusConfig.DEFAULT, collectors, Clock.SYSTEM, counting));

    var batcher = split.batchListener("iris", VersionNumber.of(1));
    batcher.dequeued(1_000_000);
    batcher.computed(1, 4, 2_000_000);
    split.canaryRequest("iris", "1");
    assertThat(asked).hasValue(0);
    split.requestMeters("iris", VersionNumber.of(1)).finished("grpc", ServingMetrics.SUCCESS, 5);
    assertThat(asked).hasValue(1);

    assertThat(plain.scrape().lines())
        .anyMatch(l -> l.startsWith("modelport_inference_request_duration_seconds_count{"))
        .anyMatch(l -> l.startsWith("modelport_inference_requests_total{"))
        .anyMatch(l -> l.startsWith("modelport_inference_queue_duration_seconds_count{"))
        .anyMatch(l -> l.startsWith("modelport_canary_requests_total{"));
  }

  @Test
  void requestsFinishedThroughAServedVersionCountAsThroughTheTaggedPath() {
    metrics.requestMeters("iris", VersionNumber.of(3)).finished("grpc", ServingMetrics.SUCCESS, 5);
    metrics.requestFinished("iris", "3", "grpc", ServingMetrics.SUCCESS, 7);
    metrics.requestMeters("iris", VersionNumber.of(3)).finished("rest", "invalid_request", 1);

    assertThat(requests("3", "grpc", ServingMetrics.SUCCESS)).isEqualTo(2.0);
    assertThat(requests("3", "rest", "invalid_request")).isEqualTo(1.0);
    assertThat(
            registry
                .get(ServingMetrics.REQUEST_DURATION)
                .tags("model", "iris", "version", "3", "protocol", "grpc")
                .timer()
                .count())
        .isEqualTo(2);
    metrics.requestMeters("iris", VersionNumber.of(3)).inflight().incrementAndGet();
    assertThat(
            registry
                .get(ServingMetrics.INFLIGHT)
                .tags("model", "iris", "version", "3")
                .gauge()
                .value())
        .isEqualTo(1.0);
  }

  @Test
  void canaryRequestsCountOnTheVersionsCanaryCounterWhicheverWayTheyAreCounted() {
    RequestMeters meters = metrics.requestMeters("iris", VersionNumber.of(2));
    meters.canaryRequest();
    meters.canaryRequest();
    metrics.canaryRequest("iris", "2");

    assertThat(
            registry
                .get(ServingMetrics.CANARY_REQUESTS)
                .tags("model", "iris", "version", "2")
                .counter()
                .count())
        .isEqualTo(3.0);
    assertThat(registry.find(ServingMetrics.CANARY_REQUESTS).tags("version", "1").counter())
        .isNull();
  }

  private double requests(String version, String protocol, String outcome) {
    return registry
        .get(ServingMetrics.REQUESTS)
        .tags("model", "iris", "version", version, "protocol", protocol, "outcome", outcome)
        .counter()
        .count();
  }
}
