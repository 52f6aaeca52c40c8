package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.ModelSignature;
import dev.modelport.protocol.model.TensorSpec;
import dev.modelport.protocol.rest.InferenceJsonDecoder;
import dev.modelport.protocol.rest.InferenceRequest;
import dev.modelport.protocol.tensor.DataType;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.protocol.tensor.TensorLimits;
import dev.modelport.serving.batching.AdaptiveBatchSizer;
import dev.modelport.serving.batching.BatchPolicy;
import dev.modelport.serving.batching.DynamicBatcher;
import dev.modelport.serving.engine.DjlEngines;
import dev.modelport.serving.engine.ModelRunner;
import dev.modelport.serving.error.EngineFailedException;
import dev.modelport.serving.model.BatchingSettings;
import dev.modelport.serving.model.ModelArtifact;
import dev.modelport.serving.model.ModelConfigException;
import dev.modelport.serving.model.ModelDefinition;
import dev.modelport.serving.tracing.ServingTracer;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Loads one version: engine model, batcher, warm-up. On any failure it closes what it opened and
 * rethrows, so a failed load leaks no native memory. Thread-safe (stateless apart from its
 * collaborators).
 */
public final class VersionLoader {

  private static final Logger LOG = Logger.getLogger(VersionLoader.class);

  private final DjlEngines engines;
  private final boolean batchingEnabled;
  private final LifecycleObserver observer;
  private final ServingTracer tracer;

  /**
   * @param batchingEnabled false serves every model unbatched (service-wide switch)
   */
  public VersionLoader(DjlEngines engines, boolean batchingEnabled, LifecycleObserver observer) {
    this(engines, batchingEnabled, observer, ServingTracer.OFF);
  }

  /**
   * @param tracer makes the spans of the batches of the versions loaded
   */
  public VersionLoader(
      DjlEngines engines,
      boolean batchingEnabled,
      LifecycleObserver observer,
      ServingTracer tracer) {
    this.engines = engines;
    this.batchingEnabled = batchingEnabled;
    this.observer = observer;
    this.tracer = tracer;
  }

  /** The tracer of the batches and rollout steps of the versions this loader loads. */
  public ServingTracer tracer() {
    return tracer;
  }

  /** Loads and warms up {@code artifact}; the result serves requests. */
  public ModelRuntime load(ModelDefinition definition, ModelArtifact artifact) {
    ModelRunner runner =
        engines.load(
            artifact,
            artifact.signature().or(() -> definition.config().signature()),
            definition.config().engine());
    DynamicBatcher batcher = null;
    try {
      BatchPolicy policy = policy(definition.config().batching(), runner.signature());
      batcher =
          new DynamicBatcher(
              artifact.model() + " version " + artifact.version(),
              policy,
              runner::newExecutor,
              observer.batchListener(artifact.model(), artifact.version()),
              tracer);
      ModelRuntime runtime = new ModelRuntime(artifact, runner, batcher);
      tracer.step(
          ServingTracer.WARMUP,
          artifact.model(),
          artifact.version(),
          () -> warmUp(definition, runtime));
      batcher.warmedUp();
      LOG.infof(
          "Loaded model '%s' version %s (%s), %s",
          artifact.model(),
          artifact.version(),
          runner.describe(),
          !policy.joinRequests()
              ? "unbatched, " + policy.instances() + " instance(s)"
              : policy.adaptive()
                  ? "adaptive batching up to "
                      + policy.maxBatchSize()
                      + " rows within "
                      + TimeUnit.NANOSECONDS.toMicros(policy.adaptiveMaxLatencyNanos())
                      + " µs, "
                      + policy.instances()
                      + " instance(s)"
                  : "batching up to "
                      + policy.maxBatchSize()
                      + " rows, "
                      + policy.instances()
                      + " instance(s)");
      return runtime;
    } catch (RuntimeException | Error e) {
      if (batcher != null) {
        batcher.close(Duration.ofSeconds(5));
      }
      runner.close();
      throw e;
    }
  }

  BatchPolicy policy(BatchingSettings b, ModelSignature signature) {
    if (!batchingEnabled || !b.enabled() || !signature.batchable()) {
      return BatchPolicy.unbatched(b.maxQueueSize(), b.instances());
    }
    return new BatchPolicy(
        true,
        b.maxBatchSize(),
        TimeUnit.MICROSECONDS.toNanos(b.maxQueueDelayMicros()),
        b.preferredBatchSizes(),
        b.maxQueueSize(),
        b.instances(),
        b.mode() == BatchingSettings.Mode.ADAPTIVE
            ? TimeUnit.MICROSECONDS.toNanos(b.maxLatencyMicros())
            : 0);
  }

  private void warmUp(ModelDefinition definition, ModelRuntime runtime) {
    if (!definition.config().warmup().enabled()) {
      return;
    }
    List<List<Tensor>> requests = new ArrayList<>();
    definition
        .config()
        .warmup()
        .request()
        .ifPresent(
            file ->
                requests.add(
                    sampleRequest(definition.directory().resolve(file), runtime.signature())));
    for (int size : warmupSizes(definition, runtime)) {
      requests.add(zeros(runtime.signature(), size));
    }
    for (List<Tensor> inputs : requests) {
      int size = inputs.get(0).shape().length == 0 ? 1 : (int) inputs.get(0).shape()[0];
      try {
        runtime
            .batcher()
            .submit(inputs, System.nanoTime() + TimeUnit.MINUTES.toNanos(5))
            .get(5, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("warm-up interrupted", e);
      } catch (Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        throw new IllegalStateException(
            "warm-up with batch size " + size + " failed: " + EngineFailedException.forLog(cause),
            cause);
      }
    }
  }

  private static List<Integer> warmupSizes(ModelDefinition definition, ModelRuntime runtime) {
    BatchPolicy policy = runtime.batcher().policy();
    if (!policy.joinRequests()) {
      return List.of(1);
    }
    List<Integer> configured = definition.config().warmup().batchSizes();
    if (!configured.isEmpty()) {
      return configured;
    }
    TreeSet<Integer> sizes = new TreeSet<>(policy.preferredBatchSizes());
    if (policy.adaptive()) {
      sizes.addAll(AdaptiveBatchSizer.candidateSizes(policy.maxBatchSize())); // sizes it explores
    }
    sizes.add(1);
    sizes.add(policy.maxBatchSize());
    return new ArrayList<>(sizes);
  }

  /** The inputs of a V2 JSON request file, in signature order. */
  static List<Tensor> sampleRequest(Path file, ModelSignature signature) {
    try {
      InferenceRequest request =
          new InferenceJsonDecoder(TensorLimits.DEFAULT)
              .decodeRequest(Files.readAllBytes(file), null);
      Map<String, Tensor> byName = new HashMap<>();
      request.inputTensors().forEach(t -> byName.put(t.name(), t));
      List<Tensor> ordered = new ArrayList<>();
      for (TensorSpec spec : signature.inputs()) {
        Tensor t = byName.get(spec.name());
        if (t == null || t.datatype() != spec.datatype() || !spec.accepts(t.shape())) {
          throw new ModelConfigException(
              "warm-up request "
                  + file
                  + ": input '"
                  + spec.name()
                  + "' is missing or does not match "
                  + spec);
        }
        ordered.add(t);
      }
      return ordered;
    } catch (IOException | IllegalArgumentException e) {
      throw new ModelConfigException("warm-up request " + file + ": " + e.getMessage(), e);
    }
  }

  /** Zero-filled inputs: the batch dimension is {@code rows}, other variable dimensions 1. */
  static List<Tensor> zeros(ModelSignature signature, int rows) {
    List<Tensor> tensors = new ArrayList<>();
    for (TensorSpec spec : signature.inputs()) {
      long[] shape = spec.shape();
      for (int i = 0; i < shape.length; i++) {
        if (shape[i] == -1) {
          shape[i] = i == 0 ? rows : 1;
        }
      }
      int n = Math.toIntExact(Tensor.elementCount(shape));
      Object data;
      if (spec.datatype() == DataType.BYTES) {
        byte[][] strings = new byte[n][];
        java.util.Arrays.fill(strings, new byte[0]);
        data = strings;
      } else {
        data = Array.newInstance(spec.datatype().arrayType().getComponentType(), n);
      }
      tensors.add(new Tensor(spec.name(), spec.datatype(), shape, data));
    }
    return tensors;
  }
}
