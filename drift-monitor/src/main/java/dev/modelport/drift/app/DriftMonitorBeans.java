package dev.modelport.drift.app;

import dev.modelport.drift.DriftMonitorConfig;
import dev.modelport.drift.baseline.BaselineCache;
import dev.modelport.drift.baseline.RegistryBaselineSource;
import dev.modelport.drift.baseline.RegistryChangeFeed;
import dev.modelport.drift.baseline.RegistryClientChangeFeed;
import dev.modelport.drift.evaluation.DriftConfigs;
import dev.modelport.drift.evaluation.DriftResultsStore;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.drift.window.WindowPolicies;
import dev.modelport.featurestats.profile.ProfileOptions;
import dev.modelport.registryclient.RegistryClient;
import dev.modelport.registryclient.RetryPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * CDI producers of the plain-Java components; each is a singleton shared by the consumer and the
 * API. The composition root: it depends on the feature packages and none of them on it.
 */
public class DriftMonitorBeans {

  @Produces
  @Singleton
  RegistryClient registryClient(DriftMonitorConfig config) {
    RegistryClient.Builder b =
        RegistryClient.builder(URI.create(config.registry().url()))
            .requestTimeout(config.registry().requestTimeout())
            .retry(new RetryPolicy(2, Duration.ofMillis(200), Duration.ofSeconds(1)));
    config.registry().apiKey().ifPresent(b::apiKey);
    return b.build();
  }

  @Produces
  @Singleton
  BaselineCache baselineCache(RegistryClient client, DriftMonitorConfig config) {
    return new BaselineCache(
        new RegistryBaselineSource(client),
        config.registry().negativeCacheTtl(),
        Clock.systemUTC());
  }

  @Produces
  @Singleton
  RegistryChangeFeed changeFeed(RegistryClient client) {
    return new RegistryClientChangeFeed(client, Duration.ofSeconds(30));
  }

  @Produces
  @Singleton
  DriftMetrics driftMetrics(MeterRegistry registry) {
    return new DriftMetrics(registry);
  }

  /**
   * The open windows: the consumer owns them, the API reads their snapshots. Each keeps up to
   * {@code modelport.drift.tracing.max-links} trace contexts for its evaluation span.
   */
  @Produces
  @Singleton
  WindowBook windowBook(DriftMonitorConfig config) {
    return new WindowBook(
        new WindowPolicies(config),
        ProfileOptions.DEFAULTS,
        Clock.systemUTC(),
        config.tracing().maxLinks());
  }

  @Produces
  @Singleton
  DriftResultsStore resultsStore(DriftMonitorConfig config) {
    return new DriftResultsStore(config.historySize());
  }

  @Produces
  @Singleton
  DriftConfigs driftConfigs(DriftMonitorConfig config) {
    return new DriftConfigs(config);
  }
}
