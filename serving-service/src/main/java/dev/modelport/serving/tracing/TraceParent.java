package dev.modelport.serving.tracing;

import io.opentelemetry.api.trace.SpanContext;

/**
 * The W3C trace-context {@code traceparent} value of a span context ({@code 00-<trace id>-<span
 * id>-<flags>}), as responses return it and inference events carry it. Stateless.
 */
public final class TraceParent {

  /** The header (REST) and metadata key (gRPC) name. */
  public static final String HEADER = "traceparent";

  private TraceParent() {}

  /** The value of a sampled {@code context}, "" otherwise: the inference event's field. */
  public static String ofSampled(SpanContext context) {
    return context.isSampled() ? of(context) : "";
  }

  /**
   * The value for {@code context} (formatted by the protocol's {@link
   * dev.modelport.protocol.event.TraceParent}, as the inference events carry it), or null when it
   * is not valid (the request is not traced).
   */
  public static String of(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    return new dev.modelport.protocol.event.TraceParent(
            context.getTraceId(), context.getSpanId(), context.isSampled())
        .format();
  }
}
