package dev.modelport.drift.consumer;

import java.time.Duration;

/**
 * Capped exponential backoff of a partition that waits at an event whose baseline could not be
 * fetched: attempt {@code n} (from 1) waits {@code min(max, initial * 2^(n-1))}. Deterministic (no
 * jitter: replicas wait on different partitions anyway). Immutable.
 *
 * @param initial the wait after the first failure
 * @param max the longest wait
 */
public record RetryBackoff(Duration initial, Duration max) {

  public RetryBackoff {
    if (initial.isNegative() || max.isNegative()) {
      throw new IllegalArgumentException("backoff durations must not be negative");
    }
    if (max.compareTo(initial) < 0) {
      max = initial;
    }
  }

  /** The wait after failure number {@code attempt} (1 for the first). */
  public Duration delay(int attempt) {
    int doublings = Math.max(0, Math.min(attempt - 1, 30));
    long millis = initial.toMillis();
    long capped = max.toMillis();
    for (int i = 0; i < doublings && millis < capped; i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, capped));
  }
}
