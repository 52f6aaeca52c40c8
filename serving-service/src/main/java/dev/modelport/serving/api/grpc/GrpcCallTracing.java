package dev.modelport.serving.api.grpc;

import dev.modelport.serving.tracing.ServingTracer;
import dev.modelport.serving.tracing.TraceParent;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The server span of every sampled gRPC call (in place of Quarkus' gRPC instrumentation, which
 * {@code quarkus.otel.instrument.grpc=false} turns off): follows the caller's W3C {@code
 * traceparent} (parent-based, through the configured propagators), or, without one, keeps a call at
 * the configured ratio ({@link ServingTracer#sampleRoot()}); only a sampled call gets a span, made
 * current while the call's handlers run, ended with the call's status. A caller that sent a {@code
 * traceparent} gets the server span's back in the response headers, to link its side to the
 * server's; a call the server chose at the ratio gets none: a value unique to every response goes
 * into the HTTP/2 connection's HPACK table, and those entries, never used again, fill it and slow
 * the header encoding of every other response on the connection (about 2 % of the throughput at
 * ratio 0.01, docs/benchmarks.md, "Tracing overhead"; Triton returns no trace context at all).
 *
 * <p>An unsampled call without a caller's context costs one header lookup and one random number:
 * the extension's instrumentation made, and made current around every handler, a span for every
 * call (docs/benchmarks.md, "Tracing overhead", has the figures). The span follows OpenTelemetry's
 * RPC conventions: named {@code service/method}, kind SERVER, {@code rpc.system}, {@code
 * rpc.service}, {@code rpc.method}, {@code rpc.grpc.status_code}, status ERROR for a status other
 * than OK. Runs before the other interceptors, so that a refused call is traced too. Stateless.
 */
@GlobalInterceptor
@ApplicationScoped
public class GrpcCallTracing implements ServerInterceptor, Prioritized {

  static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<Long> RPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");

  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of(TraceParent.HEADER, Metadata.ASCII_STRING_MARSHALLER);

  /** The propagators' headers, their keys made once (a key per lookup showed in profiles). */
  private static final Map<String, Metadata.Key<String>> KEYS =
      Stream.of(TraceParent.HEADER, "tracestate", "baggage")
          .collect(
              Collectors.toUnmodifiableMap(
                  k -> k, k -> Metadata.Key.of(k, Metadata.ASCII_STRING_MARSHALLER)));

  private static final TextMapGetter<Metadata> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Metadata carrier) {
          return carrier.keys();
        }

        @Override
        public String get(Metadata carrier, String key) {
          if (carrier == null || key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            return null;
          }
          Metadata.Key<String> k = KEYS.get(key);
          return carrier.get(
              k != null ? k : Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
        }
      };

  @Inject ServingTracer tracer;
  @Inject OpenTelemetry openTelemetry;

  @Override
  public int getPriority() {
    return Integer.MAX_VALUE / 2; // before every other interceptor (higher runs first)
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!tracer.isOn()) {
      return next.startCall(call, headers);
    }
    MethodDescriptor<Q, R> method = call.getMethodDescriptor();
    Span span;
    Context parent;
    boolean callerTraced = headers.containsKey(TRACEPARENT);
    if (!callerTraced) {
      if (!tracer.sampleRoot()) {
        return next.startCall(call, headers);
      }
      parent = Context.root();
      span = tracer.startServerRoot(method.getFullMethodName());
    } else {
      TextMapPropagator propagator = openTelemetry.getPropagators().getTextMapPropagator();
      parent = propagator.extract(Context.root(), headers, HEADERS);
      span = tracer.startServer(method.getFullMethodName(), parent);
    }
    if (!span.isRecording()) {
      return next.startCall(call, headers);
    }
    span.setAttribute(RPC_SYSTEM, "grpc");
    span.setAttribute(RPC_SERVICE, method.getServiceName());
    span.setAttribute(RPC_METHOD, method.getBareMethodName());
    Context context = parent.with(span);
    TracedCall<Q, R> traced = new TracedCall<>(call, span, callerTraced);
    ServerCall.Listener<Q> listener;
    try (Scope ignored = context.makeCurrent()) {
      listener = next.startCall(traced, headers);
    }
    return new TracedListener<>(listener, context, traced);
  }

  /**
   * Returns the trace context in the headers to a caller that sent one, and ends the span with the
   * call's status.
   */
  private static final class TracedCall<Q, R>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

    private final Span span;
    private final boolean returnContext;
    private final AtomicBoolean ended = new AtomicBoolean();

    TracedCall(ServerCall<Q, R> call, Span span, boolean returnContext) {
      super(call);
      this.span = span;
      this.returnContext = returnContext;
    }

    @Override
    public void sendHeaders(Metadata headers) {
      if (returnContext) {
        headers.put(TRACEPARENT, TraceParent.of(span.getSpanContext()));
      }
      super.sendHeaders(headers);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      try {
        super.close(status, trailers);
      } finally {
        end(status);
      }
    }

    void end(Status status) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      span.setAttribute(RPC_STATUS, (long) status.getCode().value());
      if (!status.isOk()) {
        span.setStatus(StatusCode.ERROR, status.getCode().name());
      }
      span.end();
    }
  }

  /** Makes the span current while the call's handlers run; a cancelled call ends its span. */
  private static final class TracedListener<Q>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {

    private final Context context;
    private final TracedCall<Q, ?> call;

    TracedListener(ServerCall.Listener<Q> delegate, Context context, TracedCall<Q, ?> call) {
      super(delegate);
      this.context = context;
      this.call = call;
    }

    @Override
    public void onMessage(Q message) {
      try (Scope ignored = context.makeCurrent()) {
        super.onMessage(message);
      }
    }

    @Override
    public void onHalfClose() {
      try (Scope ignored = context.makeCurrent()) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      try (Scope ignored = context.makeCurrent()) {
        super.onCancel();
      } finally {
        call.end(Status.CANCELLED);
      }
    }

    @Override
    public void onComplete() {
      try (Scope ignored = context.makeCurrent()) {
        super.onComplete();
      }
    }

    @Override
    public void onReady() {
      try (Scope ignored = context.makeCurrent()) {
        super.onReady();
      }
    }
  }
}
