package dev.modelport.serving.lifecycle;

import dev.modelport.protocol.model.VersionNumber;
import dev.modelport.serving.batching.BatchListener;
import dev.modelport.serving.batching.DynamicBatcher;
import dev.modelport.serving.model.Role;
import java.util.Map;

/** Observes version lifecycles (metrics). Implementations are thread-safe and never throw. */
public interface LifecycleObserver {

  LifecycleObserver NONE = new LifecycleObserver() {};

  /** The batch listener for a version about to be created. */
  default BatchListener batchListener(String model, VersionNumber version) {
    return BatchListener.NONE;
  }

  /** A version became ready after {@code loadNanos} (load and warm-up). */
  default void loaded(
      String model, VersionNumber version, DynamicBatcher batcher, long loadNanos) {}

  /**
   * A version stopped serving (unloaded or failed); {@code batcher} is the one it was {@link
   * #loaded} with (a reload of the same version loads the new one before the old one is unloaded).
   */
  default void unloaded(String model, VersionNumber version, DynamicBatcher batcher) {}

  /** A rollout of {@code version} (load, warm-up, switch) ended; {@code succeeded} or not. */
  default void rollout(String model, VersionNumber version, boolean succeeded) {}

  /** The live versions of a model changed: number of ready versions per role (all roles given). */
  default void liveVersions(String model, Map<Role, Integer> perRole) {}
}
