package dev.modelport.registryclient;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for idempotent calls: attempt {@code n} (from 1) waits a
 * random time up to {@code min(maxBackoff, initialBackoff * 2^(n-1))}. Immutable.
 *
 * @param maxAttempts total attempts including the first, at least 1
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Three attempts, 200 ms initial backoff, 5 s at most. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(3, Duration.ofMillis(200), Duration.ofSeconds(5));
  }

  /** One attempt only. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /** Backoff before retry number {@code retry} (1 for the first retry). */
  public Duration backoff(int retry) {
    long cap =
        Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
    return cap <= 0
        ? Duration.ZERO
        : Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
  }

  /** Whether an answer with this status is worth retrying. */
  static boolean retryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }
}
