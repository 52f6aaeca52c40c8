package dev.modelport.serving.batching;

/**
 * Observes a {@link DynamicBatcher} (metrics). {@link #computed} is called on batcher threads,
 * {@link #dequeued} on the thread that completes the request (its completer, often the caller's
 * event loop); implementations must be cheap and thread-safe and must not throw.
 */
public interface BatchListener {

  /** A no-op listener. */
  BatchListener NONE = new BatchListener() {};

  /**
   * A request left the queue for an engine call after waiting {@code nanos}; called as it
   * completes.
   */
  default void dequeued(long nanos) {}

  /** An engine call of {@code rows} rows from {@code requests} requests took {@code nanos}. */
  default void computed(int requests, int rows, long nanos) {}

  /**
   * The engine call of a batch of {@code requests} requests failed, and the batch is run again in
   * halves so that only the requests that fail on their own fail.
   */
  default void split(int requests) {}
}
