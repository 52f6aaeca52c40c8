package dev.modelport.serving.metrics;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.batching.AdaptiveBatchSizer;
import dev.modelport.serving.batching.BatchListener;
import dev.modelport.serving.batching.DynamicBatcher;
import dev.modelport.serving.lifecycle.LifecycleObserver;
import dev.modelport.serving.model.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The serving metrics (DESIGN.md, "Metrics"), dotted Micrometer names that Prometheus exports as
 * {@code modelport_inference_requests_total} and so on. Tags come from small fixed sets: model,
 * version, protocol ({@code rest}, {@code grpc}), outcome; never request ids.
 *
 * <p>Thread-safe. Meters are created once per tag combination and cached, so the hot path costs a
 * map lookup and an increment.
 */
public final class ServingMetrics implements LifecycleObserver {

  public static final String REQUESTS = "modelport.inference.requests";
  public static final String REQUEST_DURATION = "modelport.inference.request.duration";
  public static final String QUEUE_DURATION = "modelport.inference.queue.duration";
  public static final String COMPUTE_DURATION = "modelport.inference.compute.duration";
  public static final String BATCH_SIZE = "modelport.inference.batch.size";
  public static final String BATCH_SPLITS = "modelport.inference.batch.splits";
  public static final String QUEUE_DEPTH = "modelport.inference.queue.depth";
  public static final String ADAPTIVE_BATCH_SIZE = "modelport.batching.adaptive.batch.size";
  public static final String ADAPTIVE_QUEUE_DELAY = "modelport.batching.adaptive.queue.delay";
  public static final String INFLIGHT = "modelport.inference.inflight";
  public static final String MODEL_LOADED = "modelport.model.loaded";
  public static final String LOAD_DURATION = "modelport.model.load.duration";
  public static final String ROLLOUTS = "modelport.rollouts";
  public static final String LIVE_VERSIONS = "modelport.deployment.live.versions";
  public static final String CANARY_REQUESTS = "modelport.canary.requests";
  public static final String SHADOW_REQUESTS = "modelport.shadow.requests";
  public static final String SHADOW_DROPPED = "modelport.shadow.dropped";
  public static final String SHADOW_DURATION = "modelport.shadow.duration";
  public static final String REGISTRY_CALL_FAILURES = "modelport.registry.call.failures";
  public static final String CACHE_BYTES = "modelport.serving.cache.bytes";

  /** Tag value for requests whose model is not known (keeps client input out of tag values). */
  public static final String UNKNOWN = "_unknown";

  /** The outcome tag of a request answered with a result. */
  public static final String SUCCESS = "success";

  private final MeterRegistry registry;
  private final MeterRegistry requestDurations;
  private final Map<String, Map<String, RequestMeters>> requestMeters = new ConcurrentHashMap<>();
  private final Map<String, Map<VersionNumber, RequestMeters>> servedMeters =
      new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> inflight = new ConcurrentHashMap<>();
  private final Set<String> versionGauges = ConcurrentHashMap.newKeySet();
  private final Set<String> adaptiveGauges = ConcurrentHashMap.newKeySet();
  private final Map<String, DynamicBatcher> queues = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> live = new ConcurrentHashMap<>();

  public ServingMetrics(MeterRegistry registry) {
    this(registry, registry);
  }

  /**
   * @param registry where every meter goes but the request-duration histograms
   * @param requestDurations where the request-duration histograms go: with tracing on, a Prometheus
   *     registry on the same collector registry whose exemplar sampler gives their buckets trace
   *     ids, while {@code registry} has none (Micrometer's Prometheus registry takes one sampler
   *     for all its meters, and asks it on every counter increment and timer record)
   */
  public ServingMetrics(MeterRegistry registry, MeterRegistry requestDurations) {
    this.registry = registry;
    this.requestDurations = requestDurations;
  }

  /** Counts a finished request and records its duration. */
  public void requestFinished(
      String model, String version, String protocol, String outcome, long nanos) {
    requestMeters(model, version).finished(protocol, outcome, nanos);
  }

  /** The request meters of a version, created on first use and cached. */
  public RequestMeters requestMeters(String model, String version) {
    Map<String, RequestMeters> versions = requestMeters.get(model);
    if (versions == null) {
      versions = requestMeters.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
    }
    RequestMeters meters = versions.get(version);
    if (meters == null) {
      meters =
          versions.computeIfAbsent(
              version,
              v -> new RequestMeters(registry, requestDurations, model, v, inflight(model, v)));
    }
    return meters;
  }

  /**
   * The request meters of a served version, as {@link #requestMeters(String, String)} with the
   * version's decimal tag, looked up without building the tag (the per-request path).
   */
  public RequestMeters requestMeters(String model, VersionNumber version) {
    Map<VersionNumber, RequestMeters> versions = servedMeters.get(model);
    if (versions == null) {
      versions = servedMeters.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
    }
    RequestMeters meters = versions.get(version);
    if (meters == null) {
      meters = versions.computeIfAbsent(version, v -> requestMeters(model, v.toString()));
    }
    return meters;
  }

  /** The in-flight counter of a version (requests accepted and not yet answered). */
  public AtomicInteger inflight(String model, String version) {
    return inflight.computeIfAbsent(
        model + '\0' + version,
        k -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder(INFLIGHT, value, AtomicInteger::get)
              .description("Inference requests in flight")
              .tags("model", model, "version", version)
              .register(registry);
          return value;
        });
  }

  @Override
  public BatchListener batchListener(String model, VersionNumber version) {
    Tags tags = Tags.of("model", model, "version", version.toString());
    Timer queue =
        Timer.builder(QUEUE_DURATION)
            .description("Time requests wait in the batching queue")
            .tags(tags)
            .publishPercentileHistogram()
            .register(registry);
    Timer compute =
        Timer.builder(COMPUTE_DURATION)
            .description("Engine time per batch")
            .tags(tags)
            .publishPercentileHistogram()
            .register(registry);
    DistributionSummary batch =
        DistributionSummary.builder(BATCH_SIZE)
            .description("Rows per engine call")
            .tags(tags)
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
            .register(registry);
    Counter splits =
        Counter.builder(BATCH_SPLITS)
            .description(
                "Batches whose engine call failed and that were run again in halves, so that only"
                    + " the requests that fail on their own fail")
            .tags(tags)
            .register(registry);
    return new BatchListener() {
      @Override
      public void dequeued(long nanos) {
        queue.record(nanos, TimeUnit.NANOSECONDS);
      }

      @Override
      public void computed(int requests, int rows, long nanos) {
        compute.record(nanos, TimeUnit.NANOSECONDS);
        batch.record(rows);
      }

      @Override
      public void split(int requests) {
        splits.increment();
      }
    };
  }

  @Override
  public void loaded(String model, VersionNumber version, DynamicBatcher batcher, long loadNanos) {
    String v = version.toString();
    String key = model + '\0' + v;
    Timer.builder(LOAD_DURATION)
        .description("Time to load and warm up a model version")
        .tags("model", model, "version", v)
        .register(registry)
        .record(loadNanos, TimeUnit.NANOSECONDS);
    queues.put(key, batcher);
    inflight(model, v);
    if (versionGauges.add(key)) {
      // once per version: a reload (or unload and load) keeps them, reading the current batcher
      Gauge.builder(MODEL_LOADED, queues, q -> q.containsKey(key) ? 1 : 0)
          .description("1 while the model version is loaded and ready, else 0")
          .tags("model", model, "version", v)
          .register(registry);
      Gauge.builder(
              QUEUE_DEPTH,
              queues,
              q -> {
                DynamicBatcher b = q.get(key);
                return b == null ? 0 : b.queueDepth();
              })
          .description("Requests waiting in the batching queue")
          .tags("model", model, "version", v)
          .register(registry);
    }
    if (batcher.adaptiveSizer().isPresent() && adaptiveGauges.add(key)) {
      // from the first adaptive load on; NaN while the loaded batcher is static or none is
      Gauge.builder(
              ADAPTIVE_BATCH_SIZE,
              queues,
              q -> adaptive(q.get(key)).map(s -> (double) s.chosenBatchSize()).orElse(Double.NaN))
          .description("Batch size (most rows per engine call) that adaptive batching has chosen")
          .tags("model", model, "version", v)
          .register(registry);
      Gauge.builder(
              ADAPTIVE_QUEUE_DELAY,
              queues,
              q -> adaptive(q.get(key)).map(s -> s.queueDelayNanos() / 1e9).orElse(Double.NaN))
          .description("Queue delay that adaptive batching currently allows")
          .tags("model", model, "version", v)
          .baseUnit("seconds")
          .register(registry);
    }
  }

  private static java.util.Optional<AdaptiveBatchSizer> adaptive(DynamicBatcher batcher) {
    return batcher == null ? java.util.Optional.empty() : batcher.adaptiveSizer();
  }

  @Override
  public void unloaded(String model, VersionNumber version, DynamicBatcher batcher) {
    queues.remove(model + '\0' + version, batcher); // not the batcher of a reload that replaced it
  }

  @Override
  public void rollout(String model, VersionNumber version, boolean succeeded) {
    registry
        .counter(ROLLOUTS, "model", model, "outcome", succeeded ? "succeeded" : "failed")
        .increment();
  }

  @Override
  public void liveVersions(String model, Map<Role, Integer> perRole) {
    // both outcomes exported from the first deployment on, so dashboards see 0, not no data
    registry.counter(ROLLOUTS, "model", model, "outcome", "succeeded");
    registry.counter(ROLLOUTS, "model", model, "outcome", "failed");
    perRole.forEach(
        (role, count) ->
            live.computeIfAbsent(
                    model + '\0' + role.tag(),
                    k -> {
                      AtomicInteger value = new AtomicInteger();
                      Gauge.builder(LIVE_VERSIONS, value, AtomicInteger::get)
                          .description("Ready versions of a deployment per role")
                          .tags("model", model, "role", role.tag())
                          .register(registry);
                      return value;
                    })
                .set(count));
  }

  /** A request that the canary answered (the hot path counts through {@link RequestMeters}). */
  public void canaryRequest(String model, String version) {
    registry.counter(CANARY_REQUESTS, "model", model, "version", version).increment();
  }

  /** A shadow copy finished ({@code succeeded} or not) after {@code nanos}. */
  public void shadowRequest(String model, String version, boolean succeeded, long nanos) {
    String outcome = succeeded ? SUCCESS : "failed";
    registry
        .counter(SHADOW_REQUESTS, "model", model, "version", version, "outcome", outcome)
        .increment();
    Timer.builder(SHADOW_DURATION)
        .description("Time shadow copies take, queue included")
        .tags("model", model, "version", version)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** A shadow copy dropped because the shadow queue was full. */
  public void shadowDropped(String model) {
    registry.counter(SHADOW_DROPPED, "model", model).increment();
  }

  /** A call to the registry failed ({@code operation}: a small fixed set, e.g. list-models). */
  public void registryCallFailed(String operation) {
    registry.counter(REGISTRY_CALL_FAILURES, "operation", operation).increment();
  }

  /** Registers the cache size gauge, read from {@code bytes}. */
  public void cacheBytes(java.util.function.Supplier<Number> bytes) {
    Gauge.builder(CACHE_BYTES, bytes, b -> b.get().doubleValue())
        .description("Bytes of model artifacts in the serving cache")
        .baseUnit("bytes")
        .register(registry);
  }
}
