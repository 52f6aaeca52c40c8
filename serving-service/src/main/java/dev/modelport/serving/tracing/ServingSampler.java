package dev.modelport.serving.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Serving's sampler (Quarkus uses a {@link Sampler} bean in place of {@code
 * quarkus.otel.traces.sampler}): parent-based with the trace-id ratio for roots, as configured,
 * except that a root span carrying {@link #KEEP} {@code = true} is always kept. Serving marks two
 * kinds of root: a rollout (rare, and worth a trace every time) and a gRPC call that {@link
 * ServingTracer#sampleRoot()} already chose at the ratio before any span work (an unsampled call
 * costs one random number, not a span). Thread-safe.
 */
public final class ServingSampler implements Sampler {

  /** Set on a root span's builder to keep it whatever the ratio. */
  public static final AttributeKey<Boolean> KEEP = AttributeKey.booleanKey("modelport.trace.kept");

  private final Sampler byRatio;
  private final double ratio;

  public ServingSampler(double ratio) {
    if (!(ratio >= 0 && ratio <= 1)) {
      throw new IllegalArgumentException(
          "quarkus.otel.traces.sampler.arg must be between 0 and 1, not " + ratio);
    }
    this.ratio = ratio;
    this.byRatio = Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
  }

  /** The ratio root spans are sampled at. */
  public double ratio() {
    return ratio;
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    if (!Span.fromContext(parentContext).getSpanContext().isValid()
        && Boolean.TRUE.equals(attributes.get(KEEP))) {
      return SamplingResult.recordAndSample();
    }
    return byRatio.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
  }

  @Override
  public String getDescription() {
    return "ServingSampler{" + byRatio.getDescription() + ", roots marked " + KEEP + " kept}";
  }
}
