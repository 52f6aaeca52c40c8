package dev.modelport.serving.inference;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.protocol.tensor.Tensor;
import dev.modelport.serving.error.ErrorStatus;
import dev.modelport.serving.error.InvalidRequestException;
import dev.modelport.serving.error.ModelNotReadyException;
import dev.modelport.serving.error.RequestTimeoutException;
import dev.modelport.serving.error.ServingException;
import dev.modelport.serving.events.CompletedInference;
import dev.modelport.serving.events.InferenceEventSink;
import dev.modelport.serving.lifecycle.ModelManager;
import dev.modelport.serving.lifecycle.ModelRuntime;
import dev.modelport.serving.lifecycle.Route;
import dev.modelport.serving.lifecycle.ServedVersion;
import dev.modelport.serving.metrics.RequestMeters;
import dev.modelport.serving.metrics.ServingMetrics;
import dev.modelport.serving.model.Role;
import dev.modelport.serving.statistics.ServingStatistics;
import dev.modelport.serving.statistics.VersionStatistics;
import dev.modelport.serving.tracing.ServingTracer;
import dev.modelport.serving.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
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

  /** Routing attempts when the version routed to began draining meanwhile (a rollout switch). */
  private static final int ROUTE_ATTEMPTS = 3;

  private final ModelManager models;
  private final ServingMetrics metrics;
  private final InferenceEventSink events;
  private final long defaultTimeoutMicros;
  private final ShadowMirror shadows;
  private final ServingStatistics statistics;
  private final ServingTracer tracer;

  /**
   * A service without shadows and without inference events.
   *
   * @param defaultTimeoutMicros timeout for requests without one; 0 for none
   */
  public InferenceService(ModelManager models, ServingMetrics metrics, long defaultTimeoutMicros) {
    this(models, metrics, defaultTimeoutMicros, ShadowMirror.NONE, InferenceEventSink.OFF);
  }

  /**
   * @param defaultTimeoutMicros timeout for requests without one; 0 for none
   * @param shadows sends copies of primary requests to the deployment's shadow
   * @param events where answered requests go to become inference events
   */
  public InferenceService(
      ModelManager models,
      ServingMetrics metrics,
      long defaultTimeoutMicros,
      ShadowMirror shadows,
      InferenceEventSink events) {
    this(models, metrics, defaultTimeoutMicros, shadows, events, new ServingStatistics());
  }

  /**
   * @param defaultTimeoutMicros timeout for requests without one; 0 for none
   * @param shadows sends copies of primary requests to the deployment's shadow
   * @param events where answered requests go to become inference events
   * @param statistics where each request's outcome is counted (Triton's statistics)
   */
  public InferenceService(
      ModelManager models,
      ServingMetrics metrics,
      long defaultTimeoutMicros,
      ShadowMirror shadows,
      InferenceEventSink events,
      ServingStatistics statistics) {
    this(models, metrics, defaultTimeoutMicros, shadows, events, statistics, ServingTracer.OFF);
  }

  /**
   * @param defaultTimeoutMicros timeout for requests without one; 0 for none
   * @param shadows sends copies of primary requests to the deployment's shadow
   * @param events where answered requests go to become inference events
   * @param statistics where each request's outcome is counted (Triton's statistics)
   * @param tracer makes each sampled request's span
   */
  public InferenceService(
      ModelManager models,
      ServingMetrics metrics,
      long defaultTimeoutMicros,
      ShadowMirror shadows,
      InferenceEventSink events,
      ServingStatistics statistics,
      ServingTracer tracer) {
    this.tracer = tracer;
    this.statistics = statistics;
    this.models = models;
    this.metrics = metrics;
    this.events = events;
    this.defaultTimeoutMicros = defaultTimeoutMicros;
    this.shadows = shadows;
  }

  /**
   * Runs {@code call}, completing its result (and the caller's stages behind it) on {@code
   * completer}, usually the caller's event loop ({@link CallerThreads#current()}); the future fails
   * with a {@link ServingException} or engine error.
   *
   * @param sampled the caller's sampled trace context ({@link ServingTracer#sampledContext()}),
   *     null when the request is not traced
   */
  public CompletableFuture<InferResult> infer(InferCall call, Executor completer, Context sampled) {
    long start = System.nanoTime();
    String protocol = call.protocol().tag();
    RequestMeters meters = null;
    AtomicInteger inflight = null;
    Span span = tracer.startRequest(sampled, protocol, call.model());
    try {
      Route route = routeReady(call);
      ServedVersion version = route.version();
      String m = version.model();
      VersionNumber number = version.version();
      if (span.isRecording()) {
        span.setAttribute(ServingTracer.VERSION, number.toString());
        span.setAttribute(ServingTracer.ROLE, route.role().tag());
      }
      meters = metrics.requestMeters(m, number);
      inflight = meters.inflight();
      inflight.incrementAndGet();
      ModelRuntime runtime = version.readyRuntime();
      List<Tensor> inputs = SignatureCheck.orderedInputs(runtime.signature(), call.inputs());
      if (route.role() == Role.CANARY) {
        meters.canaryRequest();
      }
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
      Route[] used = {route};
      CompletableFuture<List<Tensor>> outputs =
          submit(call, used, inputs, deadline, completer, span);
      ServedVersion answering = used[0].version();
      if (timeoutMicros > 0) {
        outputs =
            outputs.orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
      VersionStatistics stats = statistics.of(m, answering.version());
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
                            + number
                            + " timed out after "
                            + timeoutMicros
                            + " µs");
              }
              long failedAfter = System.nanoTime() - start;
              stats.failed(failedAfter);
              String outcome = ErrorStatus.classify(cause).kind().outcome();
              requestMeters.finished(protocol, outcome, failedAfter);
              ServingTracer.endRequest(span, outcome, cause);
              throw cause instanceof RuntimeException re ? re : new CompletionException(cause);
            }
            long nanos = System.nanoTime() - start;
            stats.succeeded(nanos);
            requestMeters.finished(protocol, ServingMetrics.SUCCESS, nanos);
            ServingTracer.endRequest(span, ServingMetrics.SUCCESS, null);
            String requestId = requestId(call);
            if (events.wants(m)) {
              events.record(
                  new CompletedInference(
                      m,
                      answering.version(),
                      used[0].role().tag(),
                      requestId,
                      inputs,
                      out,
                      nowMicros(),
                      TimeUnit.NANOSECONDS.toMicros(nanos),
                      TraceParent.ofSampled(span.getSpanContext())));
            }
            route
                .shadow()
                .ifPresent(s -> shadows.mirror(s, requestId, call.inputs(), span.getSpanContext()));
            return new InferResult(m, answering.version(), call.id(), select(out, call));
          });
    } catch (RuntimeException e) {
      if (inflight != null) {
        inflight.decrementAndGet();
      }
      String outcome = ErrorStatus.classify(e).kind().outcome();
      ServingTracer.endRequest(span, outcome, e);
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

  /**
   * Counts a request that an edge refused before it became an {@link InferCall} (its body did not
   * decode, a parameter was invalid), so that {@code modelport_inference_requests_total} counts
   * every request; tagged with the model when it is one this server knows, else {@code _unknown}.
   *
   * @param startNanos {@link System#nanoTime()} when the edge received the request
   */
  public void refused(String model, Protocol protocol, Throwable failure, long startNanos) {
    String known = model != null && models.hasEntry(model) ? model : ServingMetrics.UNKNOWN;
    metrics.requestFinished(
        known,
        ServingMetrics.UNKNOWN,
        protocol.tag(),
        ErrorStatus.classify(failure).kind().outcome(),
        System.nanoTime() - startNanos);
  }

  /**
   * Queues the request on the routed version; when that version began draining between routing and
   * queueing (a rollout switched the route just then) and the request named no version, it is
   * routed again, so that a switch never fails a request.
   */
  private CompletableFuture<List<Tensor>> submit(
      InferCall call,
      Route[] used,
      List<Tensor> inputs,
      long deadline,
      Executor completer,
      Span span) {
    for (int attempt = 1; ; attempt++) {
      Route current = used[0];
      try {
        return current
            .version()
            .readyRuntime()
            .batcher()
            .submit(inputs, deadline, completer, span.getSpanContext());
      } catch (ModelNotReadyException e) {
        if (!retryable(call, attempt)) {
          throw e;
        }
        Route next = models.route(call.model(), call.version(), call.routeKey());
        if (next.version() == current.version()) {
          throw e;
        }
        used[0] = next;
      }
    }
  }

  /** The route of {@code call}, routed again while a rollout switch drains the version found. */
  private Route routeReady(InferCall call) {
    for (int attempt = 1; ; attempt++) {
      Route route = models.route(call.model(), call.version(), call.routeKey());
      try {
        route.version().readyRuntime();
        return route;
      } catch (ModelNotReadyException e) {
        if (!retryable(call, attempt)) {
          throw e;
        }
      }
    }
  }

  private boolean retryable(InferCall call, int attempt) {
    return call.version().isEmpty() && attempt < ROUTE_ATTEMPTS && models.accepting();
  }

  /** The client's request id, or a generated one for the events of a request without one. */
  private static String requestId(InferCall call) {
    return call.id() == null || call.id().isEmpty() ? UUID.randomUUID().toString() : call.id();
  }

  /** Now, in microseconds since the Unix epoch (the events' timestamps). */
  static long nowMicros() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  private static List<Tensor> select(List<Tensor> outputs, InferCall call) {
    if (call.requestedOutputs().isEmpty()) {
      return outputs;
    }
    return outputs.stream().filter(t -> call.requestedOutputs().contains(t.name())).toList();
  }
}
