package dev.modelport.serving.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.prometheus.client.exemplars.Exemplar;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HistogramExemplarSamplerTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  private final AtomicReference<SpanContext> current = new AtomicReference<>(span(true));
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final HistogramExemplarSampler sampler =
      new HistogramExemplarSampler(current::get, now::get);

  private static SpanContext span(boolean sampled) {
    return SpanContext.create(
        TRACE,
        SPAN,
        sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(),
        TraceState.getDefault());
  }

  private static String label(Exemplar e, String name) {
    for (int i = 0; i < e.getNumberOfLabels(); i++) {
      if (e.getLabelName(i).equals(name)) {
        return e.getLabelValue(i);
      }
    }
    return null;
  }

  @Test
  void aBucketGetsTheSampledSpansTraceAndSpanIdWithTheValueAndTime() {
    Exemplar e = sampler.sample(0.004, 0.002, 0.005, null);

    assertThat(e).isNotNull();
    assertThat(e.getValue()).isEqualTo(0.004);
    assertThat(e.getTimestampMs()).isEqualTo(1_000_000L);
    assertThat(label(e, "trace_id")).isEqualTo(TRACE);
    assertThat(label(e, "span_id")).isEqualTo(SPAN);
  }

  @Test
  void countersGetNoExemplarEvenInsideASampledSpan() {
    assertThat(sampler.sample(1.0, null)).isNull();
  }

  @Test
  void anUnsampledOrMissingSpanGivesNoExemplar() {
    current.set(span(false));
    assertThat(sampler.sample(0.004, 0.002, 0.005, null)).isNull();
    current.set(SpanContext.getInvalid());
    assertThat(sampler.sample(0.004, 0.002, 0.005, null)).isNull();
  }

  @Test
  void aRecordOutsideASampledSpanReadsNoClock() {
    AtomicLong clockReads = new AtomicLong();
    HistogramExemplarSampler counting =
        new HistogramExemplarSampler(
            current::get,
            () -> {
              clockReads.incrementAndGet();
              return now.get();
            });
    current.set(span(false));
    counting.sample(0.004, 0.002, 0.005, null);
    assertThat(clockReads).hasValue(0);

    current.set(span(true));
    assertThat(counting.sample(0.004, 0.002, 0.005, null)).isNotNull();
    assertThat(clockReads).hasValue(1);
  }

  @Test
  void aFreshExemplarStaysUntilItIsOlderThanTheRetentionThenTheNextSampledValueReplacesIt() {
    Exemplar first = sampler.sample(0.004, 0.002, 0.005, null);

    now.addAndGet(HistogramExemplarSampler.MIN_RETENTION_MILLIS);
    assertThat(sampler.sample(0.003, 0.002, 0.005, first)).isNull();

    now.incrementAndGet();
    Exemplar second = sampler.sample(0.003, 0.002, 0.005, first);
    assertThat(second).isNotNull();
    assertThat(second.getValue()).isEqualTo(0.003);
  }

  @Test
  void theDefaultSamplerReadsTheSpanCurrentInTheOpenTelemetryContext() {
    HistogramExemplarSampler onContext = new HistogramExemplarSampler();
    assertThat(onContext.sample(0.004, 0.002, 0.005, null)).isNull();
    try (Scope ignored = Span.wrap(span(true)).makeCurrent()) {
      Exemplar e = onContext.sample(0.004, 0.002, 0.005, null);
      assertThat(label(e, "trace_id")).isEqualTo(TRACE);
    }
  }
}
