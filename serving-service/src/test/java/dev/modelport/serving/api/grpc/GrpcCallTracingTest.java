package dev.modelport.serving.api.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.serving.tracing.ServingSampler;
import dev.modelport.serving.tracing.ServingTracer;
import dev.modelport.serving.tracing.TraceParent;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GrpcCallTracing} on a call, with the SDK tracing every root (ratio 1.0): which calls get a
 * server span, and which get the trace context back in the response headers.
 */
class GrpcCallTracingTest {

  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of(TraceParent.HEADER, Metadata.ASCII_STRING_MARSHALLER);
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider provider;
  private GrpcCallTracing interceptor;

  @BeforeEach
  void sdk() {
    provider =
        SdkTracerProvider.builder()
            .setSampler(new ServingSampler(1.0))
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    interceptor = new GrpcCallTracing();
    interceptor.openTelemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    interceptor.tracer = new ServingTracer(provider.get("test"), 1.0);
  }

  @AfterEach
  void close() {
    provider.close();
  }

  /** Runs a call through the interceptor to a handler that answers at once; returns the call. */
  private RecordingCall call(Metadata requestHeaders) {
    RecordingCall call = new RecordingCall();
    ServerCallHandler<String, String> answers =
        (c, h) -> {
          c.sendHeaders(new Metadata());
          c.close(Status.OK, new Metadata());
          return new ServerCall.Listener<>() {};
        };
    interceptor.interceptCall(call, requestHeaders, answers);
    return call;
  }

  @Test
  void aCallTheServerChoseAtTheRatioIsTracedButGetsNoTraceContextBack() {
    RecordingCall call = call(new Metadata());

    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    SpanData server = exporter.getFinishedSpanItems().get(0);
    assertThat(server.getName()).isEqualTo("inference.GRPCInferenceService/ModelInfer");
    assertThat(server.getParentSpanContext().isValid()).isFalse();
    assertThat(call.headers).isNotNull();
    assertThat(call.headers.containsKey(TRACEPARENT)).isFalse();
  }

  @Test
  void aCallerThatSentASampledTraceParentGetsTheServerSpansBack() {
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01");
    RecordingCall call = call(headers);

    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    SpanData server = exporter.getFinishedSpanItems().get(0);
    assertThat(server.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(server.getParentSpanId()).isEqualTo(CALLER_SPAN);
    assertThat(call.headers.get(TRACEPARENT))
        .isEqualTo("00-" + TRACE_ID + "-" + server.getSpanId() + "-01");
  }

  @Test
  void aCallerThatSentAnUnsampledTraceParentGetsNoSpanAndNothingBack() {
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, "00-" + TRACE_ID + "-" + CALLER_SPAN + "-00");
    RecordingCall call = call(headers);

    assertThat(exporter.getFinishedSpanItems()).isEmpty();
    assertThat(call.headers.containsKey(TRACEPARENT)).isFalse();
  }

  /** A unary call that keeps the response headers it is sent. */
  private static final class RecordingCall extends ServerCall<String, String> {

    private static final MethodDescriptor.Marshaller<String> TEXT =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
          }

          @Override
          public String parse(InputStream stream) {
            throw new UnsupportedOperationException("no message is read in this test");
          }
        };

    private static final MethodDescriptor<String, String> MODEL_INFER =
        MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("inference.GRPCInferenceService/ModelInfer")
            .setRequestMarshaller(TEXT)
            .setResponseMarshaller(TEXT)
            .build();

    Metadata headers;

    @Override
    public void request(int numMessages) {}

    @Override
    public void sendHeaders(Metadata headers) {
      this.headers = headers;
    }

    @Override
    public void sendMessage(String message) {}

    @Override
    public void close(Status status, Metadata trailers) {}

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public MethodDescriptor<String, String> getMethodDescriptor() {
      return MODEL_INFER;
    }
  }
}
