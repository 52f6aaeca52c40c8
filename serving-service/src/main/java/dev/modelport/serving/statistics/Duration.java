package dev.modelport.serving.statistics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A count and cumulative nanoseconds (Triton's {@code StatisticDuration}). Thread-safe; the two
 * parts are read apart, so a snapshot taken while requests run may lag one of them by a request.
 */
public final class Duration {

  private final LongAdder count = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  void add(long n, long ns) {
    count.add(n);
    nanos.add(ns);
  }

  /** A snapshot. */
  public Snapshot snapshot() {
    return new Snapshot(count.sum(), nanos.sum());
  }

  /**
   * @param count how many
   * @param ns their cumulative duration in nanoseconds
   */
  public record Snapshot(long count, long ns) {}
}
