package dev.modelport.serving.api.rest;

import dev.modelport.serving.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Returns the request's trace context to the caller: every REST response of a sampled request
 * carries {@code traceparent} with the server span's ids, so that a client can find the server's
 * side of its call in the tracing backend. An unsampled request gets none (its spans are nowhere to
 * be found, and a header unique to every response costs its encoding). Stateless.
 */
public class TraceResponseHeader {

  @ServerResponseFilter
  public void addTraceParent(ContainerResponseContext response) {
    SpanContext context = Span.current().getSpanContext();
    if (context.isSampled()) {
      response.getHeaders().putSingle(TraceParent.HEADER, TraceParent.of(context));
    }
  }
}
