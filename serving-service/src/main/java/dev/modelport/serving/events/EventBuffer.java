package dev.modelport.serving.events;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded hand-off between the request path and the Kafka sender: at most {@code maxEvents}
 * events and {@code maxBytes} tensor bytes. {@link #offer} never blocks; it refuses an event that
 * would pass either bound.
 *
 * <p>The hand-off is lazily signalled: an offer does not wake the consumer, which takes what has
 * gathered in batches ({@link #drainTo}) and otherwise waits ({@link #await}) for its drain
 * interval. Only the offer that fills the buffer to half of either bound wakes it early, so that a
 * burst is taken before the buffer overflows. On a busy core this saves a thread wake-up (and the
 * context switches that come with it) per event.
 *
 * <p>Thread-safe; one consumer ({@link #drainTo}, {@link #poll}, {@link #await}) expected.
 */
final class EventBuffer {

  private final ArrayBlockingQueue<CompletedInference> queue;
  private final long maxBytes;
  private final int signalEvents;
  private final long signalBytes;
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicInteger count = new AtomicInteger();
  private volatile Thread waiting;

  EventBuffer(int maxEvents, long maxBytes) {
    if (maxEvents < 1) {
      throw new IllegalArgumentException(
          "modelport.serving.events.buffer-events must be >= 1, got " + maxEvents);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException(
          "modelport.serving.events.buffer-bytes must be >= 1, got " + maxBytes);
    }
    this.queue = new ArrayBlockingQueue<>(maxEvents);
    this.maxBytes = maxBytes;
    this.signalEvents = Math.max(1, maxEvents / 2);
    this.signalBytes = Math.max(1, maxBytes / 2);
  }

  /** Adds {@code event} if both bounds allow it; false when the buffer is full. */
  boolean offer(CompletedInference event) {
    long size = event.tensorBytes();
    long total = bytes.addAndGet(size);
    if (total > maxBytes) {
      bytes.addAndGet(-size);
      return false;
    }
    if (!queue.offer(event)) {
      bytes.addAndGet(-size);
      return false;
    }
    int n = count.incrementAndGet();
    if (n == signalEvents || (total >= signalBytes && total - size < signalBytes)) {
      wake();
    }
    return true;
  }

  /**
   * Moves up to {@code max} of the oldest events, in order, to {@code into}; returns how many.
   * Never waits.
   */
  int drainTo(List<CompletedInference> into, int max) {
    int from = into.size();
    int n = queue.drainTo(into, max);
    if (n > 0) {
      long size = 0;
      for (int i = from; i < from + n; i++) {
        size += into.get(i).tensorBytes();
      }
      bytes.addAndGet(-size);
      count.addAndGet(-n);
    }
    return n;
  }

  /** The oldest event, waiting up to {@code millis}; null if none came. */
  CompletedInference poll(long millis) throws InterruptedException {
    CompletedInference event = queue.poll(millis, TimeUnit.MILLISECONDS);
    if (event != null) {
      bytes.addAndGet(-event.tensorBytes());
      count.decrementAndGet();
    }
    return event;
  }

  /**
   * Parks the consumer up to {@code nanos}, or until the buffer fills to half a bound or {@link
   * #wake} is called (and, as any park, spuriously).
   */
  void await(long nanos) {
    waiting = Thread.currentThread();
    if (count.get() < signalEvents && bytes.get() < signalBytes) {
      LockSupport.parkNanos(this, nanos);
    }
    waiting = null;
  }

  /** Wakes the consumer if it waits in {@link #await}. */
  void wake() {
    Thread t = waiting;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** Whether a consumer waits in {@link #await} (for tests). */
  boolean hasWaiter() {
    return waiting != null;
  }

  /** Events waiting. */
  int size() {
    return queue.size();
  }
}
