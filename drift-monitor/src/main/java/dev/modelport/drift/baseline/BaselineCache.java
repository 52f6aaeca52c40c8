package dev.modelport.drift.baseline;

import dev.modelport.drift.ModelVersionKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Caches {@link BaselineSource} answers per model version. A version with a baseline stays cached
 * until the change feed names its model ({@link #invalidateModel}); answers without one (unknown
 * version, no baseline yet) are asked again after the negative TTL. Thread-safe: the consumer
 * thread reads, the change-feed thread invalidates; a fetch blocks only its caller.
 */
public final class BaselineCache implements BaselineSource {

  private static final Logger LOG = Logger.getLogger(BaselineCache.class);

  private record Entry(Optional<VersionBaseline> value, Instant fetchedAt) {
    boolean positive() {
      return value.isPresent() && value.get().baseline().isPresent();
    }
  }

  private final BaselineSource source;
  private final Duration negativeTtl;
  private final Clock clock;
  private final ConcurrentHashMap<ModelVersionKey, Entry> entries = new ConcurrentHashMap<>();

  public BaselineCache(BaselineSource source, Duration negativeTtl, Clock clock) {
    this.source = source;
    this.negativeTtl = negativeTtl;
    this.clock = clock;
  }

  @Override
  public Optional<VersionBaseline> fetch(ModelVersionKey key) {
    Entry e = entries.get(key);
    Instant now = clock.instant();
    if (e != null && (e.positive() || now.isBefore(e.fetchedAt().plus(negativeTtl)))) {
      return e.value();
    }
    Optional<VersionBaseline> fresh = source.fetch(key);
    entries.put(key, new Entry(fresh, now));
    if (e == null || e.positive() != new Entry(fresh, now).positive()) {
      LOG.infof("Model version %s: %s", key, describe(fresh));
    }
    return fresh;
  }

  /** Forgets every cached version of {@code model}; the next event fetches again. */
  public void invalidateModel(String model) {
    entries.keySet().removeIf(k -> k.model().equals(model));
  }

  private static String describe(Optional<VersionBaseline> v) {
    if (v.isEmpty()) {
      return "unknown to the registry";
    }
    return v.get().baseline().isPresent()
        ? "baseline of " + v.get().signature().schema().size() + " features loaded"
        : "no baseline (" + v.get().missingBaselineReason() + ")";
  }
}
