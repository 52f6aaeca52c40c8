package dev.modelport.drift.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The span exporter of every {@code @QuarkusTest} of this module: spans stay in the test JVM. Being
 * a {@code SpanExporter} bean, it replaces Quarkus' default OTLP exporter, so no test needs (or
 * tries to reach) a collector.
 */
public class InMemorySpans {

  @Produces
  @Singleton
  InMemorySpanExporter inMemorySpanExporter() {
    return InMemorySpanExporter.create();
  }
}
