package dev.modelport.serving.statistics;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.batching.BatchListener;
import dev.modelport.serving.lifecycle.LifecycleObserver;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Triton's statistics extension, collected in the core: one {@link VersionStatistics} per model
 * version, created when the version's batcher is (as a {@link LifecycleObserver}) and kept across
 * reloads. Thread-safe.
 */
public final class ServingStatistics implements LifecycleObserver {

  /** Per model, per version: looked up without building a key, as every request does. */
  private final ConcurrentMap<String, ConcurrentMap<VersionNumber, VersionStatistics>> versions =
      new ConcurrentHashMap<>();

  @Override
  public BatchListener batchListener(String model, VersionNumber version) {
    return of(model, version);
  }

  /** The statistics of {@code model} version {@code version}, created empty when new. */
  public VersionStatistics of(String model, VersionNumber version) {
    ConcurrentMap<VersionNumber, VersionStatistics> ofModel = versions.get(model);
    if (ofModel == null) {
      ofModel = versions.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
    }
    VersionStatistics stats = ofModel.get(version);
    return stats != null ? stats : ofModel.computeIfAbsent(version, v -> new VersionStatistics());
  }
}
