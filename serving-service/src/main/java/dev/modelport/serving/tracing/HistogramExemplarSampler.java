package dev.modelport.serving.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.client.exemplars.Exemplar;
import io.prometheus.client.exemplars.ExemplarSampler;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Exemplars for the Prometheus registry: a histogram bucket gets the trace and span id of the
 * sampled span current when a value falls into it (the registry shows one on the histogram's count
 * as well); counters get none.
 *
 * <p>Quarkus' own sampler ({@code OpentelemetryExemplarSamplerProvider}) serves every meter the
 * same way, so that each counter increment and timer record on the request path looked up the
 * current span (1 to 2 % of a serving core in the tracing benchmark); exemplars are wanted on the
 * latency histograms only, where a dashboard's spike links to a trace. As the Prometheus client's
 * {@code DefaultExemplarSampler} does, a bucket's exemplar is replaced at most every {@value
 * #MIN_RETENTION_MILLIS} ms, and the time is checked before the span, so that a bucket with a fresh
 * exemplar costs one clock read. The rule is restated rather than delegated to a {@code
 * DefaultExemplarSampler}: that one asks its {@code SpanContextSupplier} for the span id and the
 * trace id separately (two context lookups per exemplar) and takes its clock only through a
 * package-private constructor, so the retention could not be tested without waiting 7 s.
 * Thread-safe.
 */
public final class HistogramExemplarSampler implements ExemplarSampler {

  /** The Prometheus client's default: an exemplar lives at least this long (a scrape or so). */
  static final long MIN_RETENTION_MILLIS = 7109;

  private final Supplier<SpanContext> currentSpan;
  private final LongSupplier clockMillis;

  /** Samples the span current in the OpenTelemetry context, on the system clock. */
  public HistogramExemplarSampler() {
    this(() -> Span.current().getSpanContext(), System::currentTimeMillis);
  }

  HistogramExemplarSampler(Supplier<SpanContext> currentSpan, LongSupplier clockMillis) {
    this.currentSpan = currentSpan;
    this.clockMillis = clockMillis;
  }

  /** Counters, and a timer without a histogram: no exemplar. */
  @Override
  public Exemplar sample(double increment, Exemplar previous) {
    return null;
  }

  @Override
  public Exemplar sample(double value, double bucketFrom, double bucketTo, Exemplar previous) {
    long now = clockMillis.getAsLong();
    if (previous != null
        && previous.getTimestampMs() != null
        && now - previous.getTimestampMs() <= MIN_RETENTION_MILLIS) {
      return null;
    }
    SpanContext span = currentSpan.get();
    if (!span.isSampled()) {
      return null;
    }
    return new Exemplar(value, now, "span_id", span.getSpanId(), "trace_id", span.getTraceId());
  }
}
