package dev.modelport.serving.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off between the request path and the Kafka sender: at most {@code maxEvents}
 * events and {@code maxBytes} tensor bytes. {@link #offer} never blocks; it refuses an event that
 * would pass either bound. Thread-safe; one consumer ({@link #poll}) expected.
 */
final class EventBuffer {

  private final ArrayBlockingQueue<CompletedInference> queue;
  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();

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
  }

  /** Adds {@code event} if both bounds allow it; false when the buffer is full. */
  boolean offer(CompletedInference event) {
    long size = event.tensorBytes();
    if (bytes.addAndGet(size) > maxBytes) {
      bytes.addAndGet(-size);
      return false;
    }
    if (!queue.offer(event)) {
      bytes.addAndGet(-size);
      return false;
    }
    return true;
  }

  /** The oldest event, waiting up to {@code millis}; null if none came. */
  CompletedInference poll(long millis) throws InterruptedException {
    CompletedInference event = queue.poll(millis, TimeUnit.MILLISECONDS);
    if (event != null) {
      bytes.addAndGet(-event.tensorBytes());
    }
    return event;
  }

  /** Events waiting. */
  int size() {
    return queue.size();
  }
}
