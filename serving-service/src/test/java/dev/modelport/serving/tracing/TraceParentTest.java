package dev.modelport.serving.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.junit.jupiter.api.Test;

class TraceParentTest {

  private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String SPAN = "00f067aa0ba902b7";

  @Test
  void writesTheSameValueAsTheProtocolsFormatterAndParserReadsBack() {
    for (TraceFlags flags : new TraceFlags[] {TraceFlags.getSampled(), TraceFlags.getDefault()}) {
      SpanContext context = SpanContext.create(TRACE, SPAN, flags, TraceState.getDefault());
      String value = TraceParent.of(context);
      assertThat(value)
          .isEqualTo(
              new dev.modelport.protocol.event.TraceParent(TRACE, SPAN, flags.isSampled())
                  .format());
      assertThat(dev.modelport.protocol.event.TraceParent.parse(value))
          .hasValueSatisfying(p -> assertThat(p.sampled()).isEqualTo(flags.isSampled()));
    }
  }

  @Test
  void anInvalidContextHasNoValueAndAnUnsampledOneNoEventField() {
    assertThat(TraceParent.of(SpanContext.getInvalid())).isNull();
    SpanContext unsampled =
        SpanContext.create(TRACE, SPAN, TraceFlags.getDefault(), TraceState.getDefault());
    assertThat(TraceParent.ofSampled(unsampled)).isEmpty();
  }
}
