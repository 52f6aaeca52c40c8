package dev.modelport.serving.inference;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.events.CompletedInference;
import dev.modelport.serving.events.InferenceEventSink;
import dev.modelport.serving.lifecycle.ModelRuntime;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.metrics.ServingMetrics;
import dev.modelport.serving.model.Role;
import dev.modelport.serving.tracing.ServingTracer;
import dev.modelport.serving.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a copy of primary requests to the deployment's shadow version, after the primary answered,
 * through a bounded queue and one thread: a full queue drops the copy (counted). The shadow's
 * result, failure and latency are only recorded in metrics and, sampled like any request, as an
 * inference event with route {@code shadow}; nothing of it reaches the client or delays it.
 * Thread-safe; {@link #close} stops the thread.
 */
public class ShadowMirror implements AutoCloseable {

  /** Mirrors nothing (no shadow support, e.g. in plain-Java tests). */
  public static final ShadowMirror NONE =
      new ShadowMirror() {
        @Override
        public void mirror(
            ServedVersion shadow, String requestId, List<Tensor> inputs, SpanContext primary) {}
      };

  /** How long a shadow request may take before it counts as timed out. */
  private static final long SHADOW_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final ServingMetrics metrics;
  private final InferenceEventSink events;
  private final ThreadPoolExecutor executor;
  private final ServingTracer tracer;

  private ShadowMirror() {
    this.tracer = ServingTracer.OFF;
    this.metrics = null;
    this.events = InferenceEventSink.OFF;
    this.executor = null;
  }

  /**
   * @param queueSize copies that may wait; beyond it they are dropped
   * @param events where the shadow's answers go to become inference events
   */
  public ShadowMirror(ServingMetrics metrics, int queueSize, InferenceEventSink events) {
    this(metrics, queueSize, events, ServingTracer.OFF);
  }

  /**
   * @param queueSize copies that may wait; beyond it they are dropped
   * @param events where the shadow's answers go to become inference events
   * @param tracer makes the shadow call's span when the primary request is sampled
   */
  public ShadowMirror(
      ServingMetrics metrics, int queueSize, InferenceEventSink events, ServingTracer tracer) {
    this.tracer = tracer;
    if (queueSize < 1) {
      throw new IllegalArgumentException(
          "modelport.serving.shadow.queue-size must be at least 1, got " + queueSize);
    }
    this.metrics = metrics;
    this.events = events;
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueSize),
            r -> {
              Thread t = new Thread(r, "shadow-mirror");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Queues a copy of {@code inputs} for {@code shadow}; drops it (counted) when the queue is full.
   *
   * @param requestId the primary request's id, which the shadow's event carries too
   * @param primary the primary request's span context: a sampled one gets a shadow span
   */
  public void mirror(
      ServedVersion shadow, String requestId, List<Tensor> inputs, SpanContext primary) {
    try {
      executor.execute(() -> run(shadow, requestId, inputs, primary));
    } catch (RejectedExecutionException e) {
      metrics.shadowDropped(shadow.model());
    }
  }

  private void run(
      ServedVersion shadow, String requestId, List<Tensor> inputs, SpanContext primary) {
    long start = System.nanoTime();
    String model = shadow.model();
    String version = shadow.version().toString();
    Span span = tracer.startShadow(primary, model, version);
    CompletableFuture<List<Tensor>> result;
    List<Tensor> ordered;
    try {
      ModelRuntime runtime = shadow.readyRuntime();
      ordered = SignatureCheck.orderedInputs(runtime.signature(), inputs);
      result =
          runtime
              .batcher()
              .submit(
                  ordered,
                  start + SHADOW_TIMEOUT_NANOS,
                  CallerThreads.DIRECT,
                  span.getSpanContext());
    } catch (RuntimeException e) {
      metrics.shadowRequest(model, version, false, System.nanoTime() - start);
      ServingTracer.end(span, e);
      return;
    }
    result.whenComplete(
        (out, failure) -> {
          long nanos = System.nanoTime() - start;
          ServingTracer.end(span, failure);
          metrics.shadowRequest(model, version, failure == null, nanos);
          if (failure == null && events.wants(model)) {
            events.record(
                new CompletedInference(
                    model,
                    shadow.version(),
                    Role.SHADOW.tag(),
                    requestId,
                    ordered,
                    out,
                    InferenceService.nowMicros(),
                    TimeUnit.NANOSECONDS.toMicros(nanos),
                    TraceParent.ofSampled(span.getSpanContext())));
          }
        });
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
