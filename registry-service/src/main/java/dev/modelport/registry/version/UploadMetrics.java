package dev.modelport.registry.version;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The upload meters (DESIGN.md "registry uploads and bytes"): {@code modelport.registry.uploads} by
 * {@code outcome} ({@code created}, {@code refused}) and {@code modelport.registry.upload.bytes},
 * the artifact bytes of created versions. Registered at startup, so every series exists from zero.
 * Thread-safe.
 */
@ApplicationScoped
public class UploadMetrics {
  private final Counter created;
  private final Counter refused;
  private final Counter bytes;

  @Inject
  UploadMetrics(MeterRegistry meters) {
    this.created = meters.counter("modelport.registry.uploads", "outcome", "created");
    this.refused = meters.counter("modelport.registry.uploads", "outcome", "refused");
    this.bytes = meters.counter("modelport.registry.upload.bytes");
  }

  /** A version was created with an artifact of {@code artifactBytes}. */
  void created(long artifactBytes) {
    created.increment();
    bytes.increment(artifactBytes);
  }

  /** An upload failed, whatever the reason (bad input, unknown model, broken-off body, storage). */
  void refused() {
    refused.increment();
  }
}
