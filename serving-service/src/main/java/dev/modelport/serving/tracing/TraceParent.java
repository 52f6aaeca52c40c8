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
   * The value for {@code context}, or null when it is not valid (the request is not traced). The
   * same text as the protocol's {@link dev.modelport.protocol.event.TraceParent#format()}, written
   * directly: the ids of a valid span context are already lower-case hex of the right length.
   */
  public static String of(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + '-'
        + context.getSpanId()
        + (context.isSampled() ? "-01" : "-00");
  }
}
