package dev.modelport.serving.api.rest;

import dev.modelport.serving.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Returns the request's trace context to the caller: every REST response of a traced request (one
 * with a valid server span, sampled or not) carries {@code traceparent} with the server span's ids,
 * so that a client can find the server's side of its call in the tracing backend. Stateless.
 */
public class TraceResponseHeader {

  @ServerResponseFilter
  public void addTraceParent(ContainerResponseContext response) {
    String value = TraceParent.of(Span.current().getSpanContext());
    if (value != null) {
      response.getHeaders().putSingle(TraceParent.HEADER, value);
    }
  }
}
