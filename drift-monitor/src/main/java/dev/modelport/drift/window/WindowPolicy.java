package dev.modelport.drift.window;

import java.time.Duration;

/**
 * When a window closes: once it holds {@code maxRows} rows, or once {@code maxDuration} has passed
 * since its first event (by event time, checked as events arrive, or by this process's clock,
 * checked on every poll). Immutable.
 */
public record WindowPolicy(int maxRows, Duration maxDuration) {

  public WindowPolicy {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
    }
    if (maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
    }
  }
}
