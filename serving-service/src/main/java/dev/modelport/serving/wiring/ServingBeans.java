package dev.modelport.serving.wiring;

import dev.modelport.protocol.rest.InferenceJsonDecoder;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.serving.config.ServingConfig;
import dev.modelport.serving.engine.DjlEngines;
import dev.modelport.serving.engine.EngineDefaults;
import dev.modelport.serving.events.EventPublishing;
import dev.modelport.serving.events.InferenceEventSink;
import dev.modelport.serving.inference.InferenceService;
import dev.modelport.serving.inference.ShadowMirror;
import dev.modelport.serving.lifecycle.LifecycleObserver;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.NativeHeapTrimmer;
import dev.modelport.serving.lifecycle.VersionLoader;
import dev.modelport.serving.metrics.ServingMetrics;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.repository.LocalModelRepository;
import dev.modelport.serving.repository.ModelSource;
import dev.modelport.serving.statistics.ServingStatistics;
import dev.modelport.serving.tracing.HistogramExemplarSampler;
import dev.modelport.serving.tracing.ServingSampler;
import dev.modelport.serving.tracing.ServingTracer;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.prometheus.client.exemplars.ExemplarSampler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the plain-Java serving components from {@link ServingConfig}: model source, engines,
 * loader, manager, inference service, metrics, tensor limits. One instance of each per application.
 * The composition root: it depends on every feature package and none depends on it, so that {@code
 * config} stays a leaf (the configuration mapping only) and the packages form no cycle.
 */
@ApplicationScoped
public class ServingBeans {

  /**
   * With tracing on, the request-duration histograms go to a second Prometheus registry on the same
   * collector registry (so {@code /q/metrics} shows them with the rest), the only one with an
   * exemplar sampler: a dashboard's latency spike links to a trace, and no other meter pays for a
   * span lookup (see {@link #exemplarSampler()}).
   */
  @Produces
  @Singleton
  ServingMetrics metrics(
      MeterRegistry registry,
      ServingTracer tracer,
      PrometheusConfig prometheusConfig,
      PrometheusMeterRegistry prometheus) {
    if (!tracer.isOn()) {
      return new ServingMetrics(registry);
    }
    return new ServingMetrics(
        registry,
        new PrometheusMeterRegistry(
            prometheusConfig,
            prometheus.getPrometheusRegistry(),
            Clock.SYSTEM,
            new HistogramExemplarSampler()));
  }

  /**
   * The serving spans; none at all while the OpenTelemetry SDK is disabled (the default): Quarkus'
   * tracer would still record the root spans made here (rollouts), and metrics recorded inside them
   * would carry exemplars of traces that go nowhere.
   */
  @Produces
  @Singleton
  ServingTracer servingTracer(
      Tracer tracer,
      ServingSampler sampler,
      @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false")
          boolean sdkDisabled) {
    return sdkDisabled ? ServingTracer.OFF : new ServingTracer(tracer, sampler.ratio());
  }

  /**
   * No exemplar sampler for Quarkus' Prometheus registry, in place of Quarkus' own, which serves
   * every meter the same way: Micrometer asks the sampler on every counter increment and timer
   * record of the registry, each asking for the current span (an async-profiler profile at ratio
   * 0.01 put about 2 % of the server's CPU in those records). Exemplars are wanted on the
   * request-duration histograms only, which {@link #metrics} keeps in a registry of their own.
   */
  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Optional<ExemplarSampler> exemplarSampler() {
    return Optional.empty();
  }

  /** Quarkus' OpenTelemetry SDK takes this sampler bean in place of the configured kind. */
  @Produces
  @Singleton
  ServingSampler sampler(
      @ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "0.01")
          double ratio) {
    return new ServingSampler(ratio);
  }

  @Produces
  @Singleton
  TensorLimits tensorLimits(ServingConfig config) {
    return new TensorLimits(config.limits().maxTensorElements());
  }

  @Produces
  @Singleton
  InferenceJsonDecoder jsonDecoder(TensorLimits limits) {
    return new InferenceJsonDecoder(limits);
  }

  @Produces
  @Singleton
  ModelSource modelSource(ServingConfig config) {
    if (config.source() == ServingConfig.Source.registry) {
      // the registry source rolls models out itself (RegistrySync); nothing to load by name
      return new ModelSource() {
        @Override
        public List<String> modelNames() {
          return List.of();
        }

        @Override
        public Optional<ModelDefinition> find(String name) {
          return Optional.empty();
        }
      };
    }
    return new LocalModelRepository(config.repository());
  }

  @Produces
  @Singleton
  DjlEngines engines(ServingConfig config) {
    return new DjlEngines(engineDefaults(config));
  }

  /** The service-wide engine settings of {@code config}. */
  public static EngineDefaults engineDefaults(ServingConfig config) {
    ServingConfig.Engine e = config.engine();
    return new EngineDefaults(
        e.device(), e.onnx().intraOpThreads(), e.onnx().interOpThreads(), e.onnx().allowSpinning());
  }

  @Produces
  @Singleton
  ServingStatistics statistics() {
    return new ServingStatistics();
  }

  @Produces
  @Singleton
  ModelManager modelManager(
      ServingConfig config,
      ModelSource source,
      DjlEngines engines,
      ServingMetrics metrics,
      ServingStatistics statistics,
      ServingTracer tracer) {
    LifecycleObserver observer = LifecycleObserver.both(metrics, statistics);
    VersionLoader loader = new VersionLoader(engines, config.batchingEnabled(), observer, tracer);
    RandomGenerator random =
        config.canarySeed().isPresent()
            ? new Random(config.canarySeed().getAsLong())
            : new Random();
    return new ModelManager(
        source,
        loader,
        observer,
        config.drainTimeout(),
        new NativeHeapTrimmer(config.trimNativeHeap()),
        random);
  }

  @Produces
  @Singleton
  ShadowMirror shadowMirror(
      ServingConfig config,
      ServingMetrics metrics,
      InferenceEventSink events,
      ServingTracer tracer) {
    return new ShadowMirror(metrics, config.shadow().queueSize(), events, tracer);
  }

  void closeShadowMirror(@Disposes ShadowMirror mirror) {
    mirror.close();
  }

  @Produces
  @Singleton
  InferenceEventSink eventSink(
      ServingConfig config,
      @ConfigProperty(name = "kafka.bootstrap.servers") Optional<String> bootstrapServers,
      MeterRegistry registry) {
    return EventPublishing.fromConfig(config.events(), bootstrapServers, registry);
  }

  /** Runs after the shutdown drain ({@code ServingLifecycle}), so drained requests' events go. */
  void closeEventSink(@Disposes InferenceEventSink sink) {
    sink.close();
  }

  @Produces
  @Singleton
  InferenceService inferenceService(
      ServingConfig config,
      ModelManager models,
      ServingMetrics metrics,
      ShadowMirror shadows,
      InferenceEventSink events,
      ServingStatistics statistics,
      ServingTracer tracer) {
    return new InferenceService(
        models,
        metrics,
        TimeUnit.NANOSECONDS.toMicros(config.defaultTimeout().toNanos()),
        shadows,
        events,
        statistics,
        tracer);
  }
}
