package dev.modelport.drift.evaluation;

import dev.modelport.drift.window.ClosedWindow;
import dev.modelport.protocol.event.TraceParent;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import java.util.Locale;

/**
 * The {@code drift.window.evaluate} span of each window evaluation: a root span (evaluation runs on
 * the consumer thread, outside any request) linked to the traces of the window's events, since one
 * window serves many traces. Whether it is recorded is the sampler's choice ({@code
 * quarkus.otel.traces.sampler}); links never make it sampled. Thread-safe (the {@link Tracer} is);
 * building a span costs one allocation per link, at most {@code modelport.drift.tracing.max-links}.
 */
public final class EvaluationSpans {

  /** The span name. */
  public static final String NAME = "drift.window.evaluate";

  static final AttributeKey<String> MODEL = AttributeKey.stringKey("modelport.model");
  static final AttributeKey<String> VERSION = AttributeKey.stringKey("modelport.version");
  static final AttributeKey<Long> ROWS = AttributeKey.longKey("modelport.window.rows");
  static final AttributeKey<Long> EVENTS = AttributeKey.longKey("modelport.window.events");
  static final AttributeKey<Long> TRACED_EVENTS =
      AttributeKey.longKey("modelport.window.traced_events");
  static final AttributeKey<String> CLOSE_REASON =
      AttributeKey.stringKey("modelport.window.close_reason");
  static final AttributeKey<Boolean> DETECTED = AttributeKey.booleanKey("modelport.drift.detected");
  static final AttributeKey<Double> SHARE = AttributeKey.doubleKey("modelport.drift.share");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("modelport.drift.outcome");

  private final Tracer tracer;

  public EvaluationSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Starts the span of {@code window}'s evaluation; the caller ends it. */
  public Span start(ClosedWindow window) {
    SpanBuilder b =
        tracer
            .spanBuilder(NAME)
            .setNoParent()
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(MODEL, window.key().model())
            .setAttribute(VERSION, window.key().version())
            .setAttribute(ROWS, window.rows())
            .setAttribute(EVENTS, (long) window.events())
            .setAttribute(TRACED_EVENTS, (long) window.tracedEvents())
            .setAttribute(CLOSE_REASON, window.reason().name().toLowerCase(Locale.ROOT));
    for (TraceParent t : window.traceLinks()) {
      b.addLink(
          SpanContext.createFromRemoteParent(
              t.traceId(), t.spanId(), TraceFlags.getSampled(), TraceState.getDefault()));
    }
    return b.startSpan();
  }

  /** Records what the evaluation concluded. */
  public void evaluated(Span span, WindowReport report) {
    span.setAttribute(OUTCOME, report.outcome().tag());
    span.setAttribute(DETECTED, report.outcome() == Outcome.DRIFT);
    if (report.result() != null) {
      span.setAttribute(SHARE, report.result().share());
    }
  }

  /** Marks the span failed. */
  public void failed(Span span, RuntimeException e) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }
}
