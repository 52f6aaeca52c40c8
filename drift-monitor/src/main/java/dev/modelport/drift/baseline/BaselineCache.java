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
 * version, no baseline yet) are asked again after the negative TTL, and the change feed drops them
 * too. An "unknown version" answer is never applied to an event that happened after it was given
 * ({@link #fetch(ModelVersionKey, Instant)}): the registry is asked again first, so a version
 * registered a moment ago is found even before the change feed tells of it. That costs one registry
 * request per such event in a trickle of events for a version the registry does not have, and about
 * one per poll of the consumer when they come in bulk (a batch's events mostly predate the answer
 * its first one got). Thread-safe: the consumer thread reads, the change-feed thread invalidates; a
 * fetch blocks only its caller.
 */
public final class BaselineCache implements BaselineSource {

  private static final Logger LOG = Logger.getLogger(BaselineCache.class);

  private record Entry(Optional<VersionBaseline> value, Instant fetchedAt) {
    boolean positive() {
      return value.isPresent() && value.get().baseline().isPresent();
    }

    /** Whether this is an "unknown version" answer given before {@code eventTime}. */
    boolean unknownBefore(Instant eventTime) {
      return value.isEmpty() && fetchedAt.isBefore(eventTime);
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
    return fetch(key, Instant.MIN);
  }

  @Override
  public Optional<VersionBaseline> fetch(ModelVersionKey key, Instant eventTime) {
    Entry e = entries.get(key);
    Instant now = clock.instant();
    if (e != null
        && (e.positive() || now.isBefore(e.fetchedAt().plus(negativeTtl)))
        && !e.unknownBefore(eventTime)) {
      return e.value();
    }
    Optional<VersionBaseline> fresh = source.fetch(key);
    Entry next = new Entry(fresh, now);
    entries.put(key, next);
    if (e == null || e.positive() != next.positive() || e.value().isEmpty() != fresh.isEmpty()) {
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
