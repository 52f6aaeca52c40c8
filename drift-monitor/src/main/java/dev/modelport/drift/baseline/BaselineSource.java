package dev.modelport.drift.baseline;

import dev.modelport.drift.ModelVersionKey;
import java.time.Instant;
import java.util.Optional;

/**
 * Where signatures and training baselines of model versions come from (the registry).
 * Implementations are thread-safe and may block on I/O; callers cache (see {@link BaselineCache}).
 */
public interface BaselineSource {

  /**
   * The version's signature and baseline.
   *
   * @return empty when the registry does not know the model version (or its signature has no
   *     tabular input features)
   * @throws BaselineUnavailableException when the registry cannot be asked right now (retry later)
   * @throws BaselineRefusedException when the registry refuses the request for this key for good
   *     (the event naming it is bad)
   */
  Optional<VersionBaseline> fetch(ModelVersionKey key);

  /**
   * The version's signature and baseline for an event that happened at {@code eventTime}. A cache
   * must not answer "unknown" from a registry answer older than the event: the version may have
   * been registered in between. Without a cache this is {@link #fetch(ModelVersionKey)}.
   */
  default Optional<VersionBaseline> fetch(ModelVersionKey key, Instant eventTime) {
    return fetch(key);
  }
}
