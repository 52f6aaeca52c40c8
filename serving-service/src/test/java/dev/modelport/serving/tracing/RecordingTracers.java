package dev.modelport.serving.tracing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

/** Tracer providers for plain unit tests: every span sampled and exported to memory at its end. */
public final class RecordingTracers {

  private RecordingTracers() {}

  /** A provider that samples every span and hands it to {@code spans} as it ends; close it. */
  public static SdkTracerProvider into(InMemorySpanExporter spans) {
    return SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(spans))
        .setSampler(Sampler.alwaysOn())
        .build();
  }
}
