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

  /** The value for {@code context}, or null when it is not valid (the request is not traced). */
  public static String of(SpanContext context) {
    if (!context.isValid()) {
      return null;
    }
    return "00-"
        + context.getTraceId()
        + "-"
        + context.getSpanId()
        + "-"
        + context.getTraceFlags().asHex();
  }
}
