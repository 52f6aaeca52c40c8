package dev.modelport.serving.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The serving spans beyond the transports' own server spans (which Quarkus' OpenTelemetry extension
 * makes, following a caller's W3C {@code traceparent}): each is made only when the trace it belongs
 * to is sampled, so that an unsampled request costs one context lookup and no span at all.
 *
 * <p>The spans: {@value #REQUEST} (one per inference, child of the server span, with model,
 * version, role, protocol and outcome), {@value #QUEUE} (the time the request waited in the
 * batcher's queue), {@value #BATCH} (one per engine batch, child of the first sampled request it
 * carries and linked to every sampled request in it, since one batch serves many traces), {@value
 * #ENGINE} (the engine call inside the batch), {@value #ENCODE} (the response encoding) and {@value
 * #SHADOW} (a shadow copy's call, child of and linked to the primary request).
 *
 * <p>Rollouts from the registry: {@value #ROLLOUT} (a root span per model and reconciliation that
 * changes it, always kept whatever the ratio: rollouts are rare), with the steps {@value
 * #DOWNLOAD}, {@value #VERIFY} (the SHA-256 check of a downloaded or cached artifact), {@value
 * #LOAD} (with {@value #WARMUP} inside), {@value #SWITCH} (the new routing goes live) and {@value
 * #DRAIN} (a retired version finishes its requests and closes). Thread-safe.
 */
public final class ServingTracer {

  public static final String REQUEST = "modelport.request";
  public static final String QUEUE = "modelport.queue";
  public static final String BATCH = "modelport.batch";
  public static final String ENGINE = "modelport.engine";
  public static final String ENCODE = "modelport.encode";
  public static final String SHADOW = "modelport.shadow";
  public static final String ROLLOUT = "modelport.rollout";
  public static final String DOWNLOAD = "modelport.rollout.download";
  public static final String VERIFY = "modelport.rollout.verify";
  public static final String LOAD = "modelport.rollout.load";
  public static final String WARMUP = "modelport.rollout.warmup";
  public static final String SWITCH = "modelport.rollout.switch";
  public static final String DRAIN = "modelport.rollout.drain";

  public static final AttributeKey<String> MODEL = AttributeKey.stringKey("modelport.model");
  public static final AttributeKey<String> VERSION = AttributeKey.stringKey("modelport.version");
  public static final AttributeKey<String> ROLE = AttributeKey.stringKey("modelport.role");
  public static final AttributeKey<String> PROTOCOL = AttributeKey.stringKey("modelport.protocol");
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("modelport.outcome");
  public static final AttributeKey<Long> BATCH_REQUESTS =
      AttributeKey.longKey("modelport.batch.requests");
  public static final AttributeKey<Long> BATCH_ROWS = AttributeKey.longKey("modelport.batch.rows");
  public static final AttributeKey<String> BATCHER = AttributeKey.stringKey("modelport.batcher");

  /** A batch span links to at most this many requests (a batch is at most a few hundred). */
  static final int MAX_BATCH_LINKS = 128;

  /** Makes no span (tests and tools without OpenTelemetry). */
  public static final ServingTracer OFF =
      new ServingTracer(OpenTelemetry.noop().getTracer("dev.modelport.serving"), 0);

  private final Tracer tracer;
  private final double ratio;

  /**
   * @param tracer makes the spans; its provider's sampler is a {@link ServingSampler}, which keeps
   *     the roots marked {@link ServingSampler#KEEP}
   * @param ratio the ratio at which {@link #sampleRoot()} keeps a root (the sampler's)
   */
  public ServingTracer(Tracer tracer, double ratio) {
    this.tracer = tracer;
    this.ratio = ratio;
  }

  /** Whether spans are made at all: false for {@link #OFF} (the SDK is disabled). */
  public boolean isOn() {
    return this != OFF;
  }

  /**
   * Whether a call without a caller's trace context is traced: true at the configured ratio. A
   * transport asks this before any span work and then makes a {@linkplain #startServerRoot kept
   * root}, so that an unsampled call costs one random number.
   */
  public boolean sampleRoot() {
    return isOn() && ThreadLocalRandom.current().nextDouble() < ratio;
  }

  /** A transport's server span named {@code name}, a root the sampler keeps (see sampleRoot). */
  public Span startServerRoot(String name) {
    return tracer
        .spanBuilder(name)
        .setNoParent()
        .setSpanKind(SpanKind.SERVER)
        .setAttribute(ServingSampler.KEEP, true)
        .startSpan();
  }

  /**
   * A transport's server span named {@code name}, child of {@code parent} (the caller's context as
   * the propagator extracted it); not recording when the caller's trace is not sampled.
   */
  public Span startServer(String name, Context parent) {
    return tracer.spanBuilder(name).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
  }

  /**
   * The current context when its span is sampled, else null (always null with tracing off). A
   * transport looks it up once per request and hands it to {@link #startRequest}, {@link
   * #startEncode} and {@link #inTrace}, so that the decision is made once and every span of the
   * request hangs off the same context, whichever thread ends up running it (a worker that encodes
   * a large REST response sees no current context of its own).
   */
  public Context sampledContext() {
    if (!isOn()) {
      return null;
    }
    Context current = Context.current();
    return Span.fromContext(current).getSpanContext().isSampled() ? current : null;
  }

  /**
   * The {@value #REQUEST} span, child of {@code sampled} (the transport's server span, from {@link
   * #sampledContext()}), or {@link Span#getInvalid()} when that is null.
   */
  public Span startRequest(Context sampled, String protocol, String model) {
    if (sampled == null) {
      return Span.getInvalid();
    }
    return tracer
        .spanBuilder(REQUEST)
        .setParent(sampled)
        .setSpanKind(SpanKind.INTERNAL)
        .setAttribute(PROTOCOL, protocol)
        .setAttribute(MODEL, model)
        .startSpan();
  }

  /** Ends a {@value #REQUEST} span with its outcome; an error outcome marks the span failed. */
  public static void endRequest(Span span, String outcome, Throwable failure) {
    if (!span.isRecording()) {
      return;
    }
    span.setAttribute(OUTCOME, outcome);
    if (failure != null) {
      span.setStatus(StatusCode.ERROR, outcome);
    }
    span.end();
  }

  /**
   * A {@value #QUEUE} span under {@code request} from {@code enqueuedNanos} to {@code
   * dequeuedNanos} ({@link System#nanoTime()} values); nothing when the request is not sampled.
   */
  public void queued(SpanContext request, String batcher, long enqueuedNanos, long dequeuedNanos) {
    if (!request.isSampled()) {
      return;
    }
    long now = System.nanoTime();
    long epochNow = epochNanos();
    tracer
        .spanBuilder(QUEUE)
        .setParent(Context.root().with(Span.wrap(request)))
        .setAttribute(BATCHER, batcher)
        .setStartTimestamp(epochNow - (now - enqueuedNanos), TimeUnit.NANOSECONDS)
        .startSpan()
        .end(epochNow - (now - dequeuedNanos), TimeUnit.NANOSECONDS);
  }

  /**
   * The {@value #BATCH} span of a batch carrying {@code sampled} (the contexts of its sampled
   * requests, in queue order), or {@link Span#getInvalid()} when none is sampled.
   */
  public Span startBatch(List<SpanContext> sampled, String batcher, int requests) {
    if (sampled.isEmpty()) {
      return Span.getInvalid();
    }
    SpanBuilder b =
        tracer
            .spanBuilder(BATCH)
            .setParent(Context.root().with(Span.wrap(sampled.get(0))))
            .setAttribute(BATCHER, batcher)
            .setAttribute(BATCH_REQUESTS, (long) requests);
    int links = Math.min(sampled.size(), MAX_BATCH_LINKS);
    for (int i = 0; i < links; i++) {
      b.addLink(sampled.get(i));
    }
    return b.startSpan();
  }

  /** The {@value #ENGINE} span inside {@code batch}; invalid when the batch is not traced. */
  public Span startEngine(Span batch, int rows) {
    if (!batch.isRecording()) {
      return Span.getInvalid();
    }
    batch.setAttribute(BATCH_ROWS, (long) rows);
    return tracer
        .spanBuilder(ENGINE)
        .setParent(Context.root().with(batch))
        .setAttribute(BATCH_ROWS, (long) rows)
        .startSpan();
  }

  /** Ends a batch or engine span, failed when {@code failure} is not null. */
  public static void end(Span span, Throwable failure) {
    if (!span.isRecording()) {
      return;
    }
    if (failure != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
    }
    span.end();
  }

  /**
   * {@code callback} running in {@code sampled} (from {@link #sampledContext()}), so that a
   * completion that runs later, on another thread or task, still sees the request's trace; {@code
   * callback} itself when {@code sampled} is null, so that an unsampled request pays no context
   * switch.
   */
  public static <T, U> BiConsumer<T, U> inTrace(Context sampled, BiConsumer<T, U> callback) {
    return sampled == null ? callback : sampled.wrapConsumer(callback);
  }

  /** {@link #inTrace(Context, BiConsumer)} for a task. */
  public static Runnable inTrace(Context sampled, Runnable task) {
    return sampled == null ? task : sampled.wrap(task);
  }

  /** The {@value #ENCODE} span under {@code sampled}, or invalid when that is null. */
  public Span startEncode(Context sampled) {
    if (sampled == null) {
      return Span.getInvalid();
    }
    return tracer.spanBuilder(ENCODE).setParent(sampled).startSpan();
  }

  /**
   * The {@value #SHADOW} span of a shadow copy of {@code primary}: its child, linked to it; invalid
   * when the primary is not sampled.
   */
  public Span startShadow(SpanContext primary, String model, String version) {
    if (!primary.isSampled()) {
      return Span.getInvalid();
    }
    return tracer
        .spanBuilder(SHADOW)
        .setParent(Context.root().with(Span.wrap(primary)))
        .addLink(primary)
        .setAttribute(MODEL, model)
        .setAttribute(VERSION, version)
        .setAttribute(ROLE, "shadow")
        .startSpan();
  }

  /**
   * The {@value #ROLLOUT} root span of a reconciliation of {@code model}; end it with {@link #end}.
   */
  public Span startRollout(String model) {
    return tracer
        .spanBuilder(ROLLOUT)
        .setNoParent()
        .setAttribute(MODEL, model)
        .setAttribute(ServingSampler.KEEP, true)
        .startSpan();
  }

  /**
   * Runs {@code body} inside a rollout step's span, child of the current context (the rollout, when
   * one is current; a root span otherwise) and current while {@code body} runs, so that the steps
   * inside it nest; the span records a failure thrown by {@code body}.
   *
   * @param version the version the step works on, null for a step about the whole model
   */
  public <T> T step(String step, String model, Object version, Supplier<T> body) {
    SpanBuilder b = tracer.spanBuilder(step).setAttribute(MODEL, model);
    if (version != null) {
      b.setAttribute(VERSION, version.toString());
    }
    Span span = b.startSpan();
    try (Scope ignored = span.makeCurrent()) {
      T result = body.get();
      span.end();
      return result;
    } catch (RuntimeException | Error e) {
      end(span, e);
      throw e;
    }
  }

  /** {@link #step(String, String, Object, Supplier)} for a body without a result. */
  public void step(String step, String model, Object version, Runnable body) {
    step(
        step,
        model,
        version,
        () -> {
          body.run();
          return null;
        });
  }

  private static long epochNanos() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }
}
