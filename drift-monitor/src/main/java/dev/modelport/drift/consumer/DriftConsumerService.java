package dev.modelport.drift.consumer;

import dev.modelport.drift.DriftMonitorConfig;
import dev.modelport.drift.actions.DriftActions;
import dev.modelport.drift.baseline.BaselineCache;
import dev.modelport.drift.baseline.RegistryChangeFeed;
import dev.modelport.drift.evaluation.DriftConfigs;
import dev.modelport.drift.evaluation.DriftResultsStore;
import dev.modelport.drift.evaluation.HistogramBuilder;
import dev.modelport.drift.evaluation.WindowEvaluator;
import dev.modelport.drift.metrics.DriftMetrics;
import dev.modelport.drift.metrics.MetricsRecorder;
import dev.modelport.drift.window.WindowBook;
import dev.modelport.protocol.tensor.TensorLimits;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs the {@link DriftConsumerLoop} for the application's lifetime and follows the registry's
 * change feed to refresh cached baselines. Starts at application start when {@code
 * modelport.drift.consumer.enabled} is true; stops gracefully (final commit) at shutdown.
 */
@ApplicationScoped
public class DriftConsumerService {

  private static final Logger LOG = Logger.getLogger(DriftConsumerService.class);

  @Inject DriftMonitorConfig config;
  @Inject BaselineCache baselines;
  @Inject RegistryChangeFeed changeFeed;
  @Inject DriftMetrics metrics;
  @Inject DriftResultsStore results;
  @Inject DriftConfigs driftConfigs;
  @Inject DriftActions actions;
  @Inject WindowBook windows;
  @Inject Tracer tracer;

  /**
   * While the SDK is disabled (the default) no span is made: Quarkus' tracer would still record the
   * root evaluation spans, and the metrics recorded inside them would carry exemplars.
   */
  @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
  boolean sdkDisabled;

  private DriftConsumerLoop loop;

  void onStart(@Observes StartupEvent event) {
    if (config.registry().followChanges()) {
      changeFeed.start(baselines::invalidateModel);
    }
    if (!config.consumer().enabled()) {
      LOG.info("The drift consumer is disabled (modelport.drift.consumer.enabled=false)");
      return;
    }
    DriftMonitorConfig.Consumer c = config.consumer();
    ConsumerSettings settings =
        new ConsumerSettings(
            c.bootstrapServers(),
            c.topic(),
            c.groupId(),
            c.autoOffsetReset(),
            c.pollTimeout(),
            c.maxPollRecords(),
            c.retryBackoff(),
            c.retryBackoffMax(),
            c.closeTimeout(),
            c.kafkaProperties());
    WindowEvaluator evaluator =
        new WindowEvaluator(
            baselines,
            driftConfigs,
            new HistogramBuilder(20),
            List.of(results, new MetricsRecorder(metrics), actions),
            Clock.systemUTC(),
            sdkDisabled ? OpenTelemetry.noop().getTracer("dev.modelport.drift") : tracer);
    loop =
        new DriftConsumerLoop(
                settings,
                baselines,
                windows,
                new EventRowsReader(TensorLimits.DEFAULT),
                evaluator,
                metrics)
            .start();
  }

  /** Whether the consumer should run and does (false only when enabled and its loop has ended). */
  public boolean healthy() {
    return !config.consumer().enabled() || (loop != null && loop.isRunning());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (loop != null) {
      loop.stop();
    }
    changeFeed.close();
  }
}
