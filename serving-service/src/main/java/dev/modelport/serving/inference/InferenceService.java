package dev.modelport.serving.inference;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.error.ErrorStatus;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.RequestTimeoutException;
import dev.modelport.serving.error.ServingException;
import dev.modelport.serving.events.CompletedInference;
import dev.modelport.serving.events.InferenceEventSink;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ModelRuntime;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.metrics.RequestMeters;
import dev.modelport.serving.metrics.ServingMetrics;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The data plane shared by REST and gRPC: resolves the version, checks the request against its
 * signature, queues it on the version's batcher with its deadline and records the request metrics.
 * Never blocks: the result completes on the caller's event loop, handed there by the batcher thread
 * (on the batcher thread for callers outside Vert.x; on the timeout timer when the request times
 * out). Thread-safe.
 */
public final class InferenceService {

  /** Deadlines without a timeout lie this far ahead (and far from {@code nanoTime} overflow). */
  private static final long NO_DEADLINE_NANOS = TimeUnit.DAYS.toNanos(365);

  private final ModelManager models;
  private final ServingMetrics metrics;
  private final InferenceEventSink events;
  private final long defaultTimeoutMicros;

  /**
   * @param events where answered requests go to become inference events
   * @param defaultTimeoutMicros timeout for requests without one; 0 for none
   */
  public InferenceService(
      ModelManager models,
      ServingMetrics metrics,
      InferenceEventSink events,
      long defaultTimeoutMicros) {
    this.models = models;
    this.metrics = metrics;
    this.events = events;
    this.defaultTimeoutMicros = defaultTimeoutMicros;
  }

  /**
   * Runs {@code call}, completing its result (and the caller's stages behind it) on {@code
   * completer}, usually the caller's event loop ({@link CallerThreads#current()}); the future fails
   * with a {@link ServingException} or engine error.
   */
  public CompletableFuture<InferResult> infer(InferCall call, Executor completer) {
    long start = System.nanoTime();
    String protocol = call.protocol().tag();
    RequestMeters meters = null;
    AtomicInteger inflight = null;
    try {
      ServedVersion version = models.resolve(call.model(), call.version());
      String m = version.model();
      VersionNumber number = version.version();
      String v = number.toString();
      meters = metrics.requestMeters(m, v);
      inflight = meters.inflight();
      inflight.incrementAndGet();
      ModelRuntime runtime = version.readyRuntime();
      List<Tensor> inputs = SignatureCheck.orderedInputs(runtime.signature(), call.inputs());
      SignatureCheck.checkRequestedOutputs(runtime.signature(), call.requestedOutputs());
      long timeoutMicros = call.timeoutMicros().orElse(defaultTimeoutMicros);
      if (timeoutMicros < 0) {
        throw new InvalidRequestException("request: timeout must be >= 0 µs, got " + timeoutMicros);
      }
      long deadline =
          start
              + (timeoutMicros > 0
                  ? TimeUnit.MICROSECONDS.toNanos(timeoutMicros)
                  : NO_DEADLINE_NANOS);
      CompletableFuture<List<Tensor>> outputs =
          runtime.batcher().submit(inputs, deadline, completer);
      if (timeoutMicros > 0) {
        outputs =
            outputs.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      RequestMeters requestMeters = meters;
      AtomicInteger counter = inflight;
      return outputs.handle(
          (out, failure) -> {
            counter.decrementAndGet();
            if (failure != null) {
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof TimeoutException) {
                cause =
                    new RequestTimeoutException(
                        "request to model '"
                            + m
                            + "' version "
                            + v
                            + " timed out after "
                            + timeoutMicros
                            + " µs");
              }
              requestMeters.finished(
                  protocol,
                  ErrorStatus.classify(cause).kind().outcome(),
                  System.nanoTime() - start);
              throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
            }
            long nanos = System.nanoTime() - start;
            requestMeters.finished(protocol, ServingMetrics.SUCCESS, nanos);
            if (events.wants(m)) {
              events.record(completed(m, number, "primary", call, inputs, out, nanos));
            }
            return new InferResult(m, number, call.id(), select(out, call));
          });
    } catch (RuntimeException e) {
      if (inflight != null) {
        inflight.decrementAndGet();
      }
      String outcome = ErrorStatus.classify(e).kind().outcome();
      if (meters != null) {
        meters.finished(protocol, outcome, System.nanoTime() - start);
      } else {
        metrics.requestFinished(
            ServingMetrics.UNKNOWN,
            ServingMetrics.UNKNOWN,
            protocol,
            outcome,
            System.nanoTime() - start);
      }
      return CompletableFuture.failedFuture(e);
    }
  }

  private static CompletedInference completed(
      String model,
      VersionNumber version,
      String route,
      InferCall call,
      List<Tensor> inputs,
      List<Tensor> outputs,
      long nanos) {
    String id = call.id() == null || call.id().isEmpty() ? UUID.randomUUID().toString() : call.id();
    Instant now = Instant.now();
    long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    return new CompletedInference(
        model, version, route, id, inputs, outputs, micros, TimeUnit.NANOSECONDS.toMicros(nanos));
  }

  private static List<Tensor> select(List<Tensor> outputs, InferCall call) {
    if (call.requestedOutputs().isEmpty()) {
      return outputs;
    }
    return outputs.stream().filter(t -> call.requestedOutputs().contains(t.name())).toList();
  }
}
