package dev.modelport.serving.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.prometheus.client.exemplars.Exemplar;
import io.prometheus.client.exemplars.ExemplarSampler;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Exemplars for the request-duration histograms' Prometheus registry (see {@code
 * ServingBeans#metrics}): a histogram bucket gets the trace and span id of the sampled span current
 * when a value falls into it (the registry shows one on the histogram's count as well); a counter
 * or a timer without a histogram gets none.
 *
 * <p>Quarkus' own sampler ({@code OpentelemetryExemplarSamplerProvider}) would serve every meter of
 * its registry, so that each counter increment and timer record looked up the current span; that
 * registry gets no sampler, and this one serves only the request durations. As the Prometheus
 * client's {@code DefaultExemplarSampler} does, a bucket's exemplar is replaced at most every
 * {@value #MIN_RETENTION_MILLIS} ms. The span is checked before the time: at the default ratio 99
 * records in 100 are outside a sampled span, and the context lookup cost half of what the clock
 * read did (an async-profiler profile at ratio 0.01), so that such a record costs one lookup and no
 * clock read. The rule is restated rather than delegated to a {@code DefaultExemplarSampler}: that
 * one asks its {@code SpanContextSupplier} for the span id and the trace id separately (two context
 * lookups per exemplar) and takes its clock only through a package-private constructor, so the
 * retention could not be tested without waiting 7 s. Thread-safe.
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
    SpanContext span = currentSpan.get();
    if (!span.isSampled()) {
      return null;
    }
    long now = clockMillis.getAsLong();
    if (previous != null
        && previous.getTimestampMs() != null
        && now - previous.getTimestampMs() <= MIN_RETENTION_MILLIS) {
      return null;
    }
    return new Exemplar(value, now, "span_id", span.getSpanId(), "trace_id", span.getTraceId());
  }
}
