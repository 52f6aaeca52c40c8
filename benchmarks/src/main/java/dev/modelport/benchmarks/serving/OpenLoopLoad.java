package dev.modelport.benchmarks.serving;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator: requests start on a fixed schedule (constant rate) whatever the
 * server's pace, and each latency is measured from the request's intended start, so a stalled
 * server is charged for every request it delayed (corrected for coordinated omission, as wrk2
 * does). A cap on outstanding requests models a client pool; with rate 0 the generator runs
 * saturated (each freed slot sends at once) and latencies are measured from the actual send.
 *
 * <p>One scheduling thread; completions arrive on the clients' threads. Not reusable across runs.
 */
public final class OpenLoopLoad {

  private OpenLoopLoad() {}

  /**
   * Runs {@code send} for {@code warmup} (not recorded) and then {@code duration}.
   *
   * @param ratePerSecond requests started per second; 0 for saturated
   * @param concurrency most requests outstanding
   * @param send starts one request; the future fails on an error answer
   */
  public static LoadResult run(
      String scenario,
      double ratePerSecond,
      int concurrency,
      int itemsPerRequest,
      Duration warmup,
      Duration duration,
      Supplier<CompletableFuture<?>> send)
      throws InterruptedException {
    Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Semaphore slots = new Semaphore(concurrency);
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + duration.toNanos();
    long interval = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
    for (long i = 0; ; i++) {
      long intended = ratePerSecond > 0 ? start + i * interval : System.nanoTime();
      if (intended >= end) {
        break;
      }
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      slots.acquire();
      long sent = System.nanoTime();
      long from = ratePerSecond > 0 ? intended : sent;
      CompletableFuture<?> f;
      try {
        f = send.get();
      } catch (RuntimeException e) {
        f = CompletableFuture.failedFuture(e);
      }
      f.whenComplete(
          (r, failure) -> {
            long now = System.nanoTime();
            slots.release();
            if (from < measureFrom || now > end) {
              return;
            }
            if (failure != null) {
              errors.incrementAndGet();
            } else {
              completed.incrementAndGet();
              latency.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(now - from)));
            }
          });
    }
    slots.acquire(concurrency); // wait for the stragglers
    slots.release(concurrency);
    return new LoadResult(
        scenario,
        concurrency,
        completed.get(),
        errors.get(),
        duration.toNanos() / 1e9,
        itemsPerRequest,
        latency,
        null);
  }
}
