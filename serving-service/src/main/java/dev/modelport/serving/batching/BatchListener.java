package dev.modelport.serving.batching;

/**
 * Observes a {@link DynamicBatcher} (metrics). Called on batcher threads; implementations must be
 * cheap and thread-safe and must not throw.
 */
public interface BatchListener {

  /** A no-op listener. */
  BatchListener NONE = new BatchListener() {};

  /** A request left the queue for an engine call after waiting {@code nanos}. */
  default void dequeued(long nanos) {}

  /** An engine call of {@code rows} rows from {@code requests} requests took {@code nanos}. */
  default void computed(int requests, int rows, long nanos) {}
}
