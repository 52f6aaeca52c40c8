package dev.modelport.serving.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServingSamplerTest {

  private SdkTracerProvider provider;

  private Tracer tracer(double ratio) {
    provider = SdkTracerProvider.builder().setSampler(new ServingSampler(ratio)).build();
    return provider.get("test");
  }

  @AfterEach
  void close() {
    if (provider != null) {
      provider.close();
    }
  }

  private static Context parent(boolean sampled) {
    return Context.root()
        .with(
            Span.wrap(
                SpanContext.createFromRemoteParent(
                    "4bf92f3577b34da6a3ce929d0e0e4736",
                    "00f067aa0ba902b7",
                    sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
                    TraceState.getDefault())));
  }

  /** How many of {@code n} spans that {@code start} makes are sampled. */
  private static long sampled(int n, Supplier<Span> start) {
    return IntStream.range(0, n).filter(i -> start.get().getSpanContext().isSampled()).count();
  }

  @Test
  void keepsEveryMarkedRootAndDropsUnmarkedOnesAtRatioZero() {
    Tracer tracer = tracer(0);
    Supplier<Span> marked =
        () ->
            tracer
                .spanBuilder("root")
                .setNoParent()
                .setAttribute(ServingSampler.KEEP, true)
                .startSpan();
    assertThat(sampled(100, marked)).isEqualTo(100);
    assertThat(sampled(100, () -> tracer.spanBuilder("root").setNoParent().startSpan())).isZero();
  }

  @Test
  void followsTheParentsDecisionEvenForAMarkedSpan() {
    Tracer tracer = tracer(0);
    assertThat(tracer.spanBuilder("child").setParent(parent(true)).startSpan().isRecording())
        .isTrue();
    assertThat(
            tracer
                .spanBuilder("child")
                .setParent(parent(false))
                .setAttribute(ServingSampler.KEEP, true)
                .startSpan()
                .isRecording())
        .isFalse();
  }

  @Test
  void sampleRootKeepsCallsAtTheRatio() {
    ServingTracer never = new ServingTracer(tracer(0), 0);
    ServingTracer always = new ServingTracer(tracer(1), 1);
    ServingTracer third = new ServingTracer(tracer(0.3), 0.3);
    assertThat(IntStream.range(0, 1000).filter(i -> never.sampleRoot())).isEmpty();
    assertThat(IntStream.range(0, 1000).filter(i -> always.sampleRoot())).hasSize(1000);
    // 10,000 draws at 0.3: 3,000 ± 46 (one standard deviation); ± 300 is beyond 6 of them
    long kept = IntStream.range(0, 10_000).filter(i -> third.sampleRoot()).count();
    assertThat(kept).isBetween(2_700L, 3_300L);
    assertThat(ServingTracer.OFF.sampleRoot()).isFalse();
  }

  @Test
  void refusesARatioOutsideZeroToOne() {
    assertThatThrownBy(() -> new ServingSampler(1.5))
        .hasMessageContaining("quarkus.otel.traces.sampler.arg");
    assertThatThrownBy(() -> new ServingSampler(Double.NaN))
        .hasMessageContaining("quarkus.otel.traces.sampler.arg");
  }
}
