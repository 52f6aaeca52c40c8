package dev.modelport.serving.api.grpc;

import dev.modelport.serving.tracing.TraceParent;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Returns the call's trace context to the caller: the response headers of a traced gRPC call carry
 * {@code traceparent} with the server span's ids (the span current when the call starts, which
 * Quarkus' tracing interceptor opened from the caller's {@code traceparent}). Stateless.
 */
@GlobalInterceptor
@ApplicationScoped
public class TraceResponseInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> HEADER =
      Metadata.Key.of(TraceParent.HEADER, Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SpanContext started = Span.current().getSpanContext();
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            String value =
                TraceParent.of(started.isValid() ? started : Span.current().getSpanContext());
            if (value != null) {
              responseHeaders.put(HEADER, value);
            }
            super.sendHeaders(responseHeaders);
          }
        },
        headers);
  }
}
