package dev.modelport.serving.inference;

import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.lifecycle.ModelRuntime;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.metrics.ServingMetrics;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends a copy of primary requests to the deployment's shadow version, after the primary answered,
 * through a bounded queue and one thread: a full queue drops the copy (counted). The shadow's
 * result, failure and latency are only recorded in metrics; nothing of it reaches the client or
 * delays it. Thread-safe; {@link #close} stops the thread.
 */
public class ShadowMirror implements AutoCloseable {

  /** Mirrors nothing (no shadow support, e.g. in plain-Java tests). */
  public static final ShadowMirror NONE =
      new ShadowMirror() {
        @Override
        public void mirror(ServedVersion shadow, List<Tensor> inputs) {}
      };

  /** How long a shadow request may take before it counts as timed out. */
  private static final long SHADOW_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final ServingMetrics metrics;
  private final ThreadPoolExecutor executor;

  private ShadowMirror() {
    this.metrics = null;
    this.executor = null;
  }

  /**
   * @param queueSize copies that may wait; beyond it they are dropped
   */
  public ShadowMirror(ServingMetrics metrics, int queueSize) {
    if (queueSize < 1) {
      throw new IllegalArgumentException(
          "modelport.serving.shadow.queue-size must be at least 1, got " + queueSize);
    }
    this.metrics = metrics;
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
   */
  public void mirror(ServedVersion shadow, List<Tensor> inputs) {
    try {
      executor.execute(() -> run(shadow, inputs));
    } catch (RejectedExecutionException e) {
      metrics.shadowDropped(shadow.model());
    }
  }

  private void run(ServedVersion shadow, List<Tensor> inputs) {
    long start = System.nanoTime();
    String model = shadow.model();
    String version = shadow.version().toString();
    CompletableFuture<List<Tensor>> result;
    try {
      ModelRuntime runtime = shadow.readyRuntime();
      List<Tensor> ordered = SignatureCheck.orderedInputs(runtime.signature(), inputs);
      result = runtime.batcher().submit(ordered, start + SHADOW_TIMEOUT_NANOS);
    } catch (RuntimeException e) {
      metrics.shadowRequest(model, version, false, System.nanoTime() - start);
      return;
    }
    result.whenComplete(
        (out, failure) ->
            metrics.shadowRequest(model, version, failure == null, System.nanoTime() - start));
  }

  @Override
  public void close() {
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
