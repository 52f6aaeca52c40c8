package dev.modelport.serving.batching;

import java.util.List;

/**
 * How a {@link DynamicBatcher} forms batches. Immutable.
 *
 * @param joinRequests false to run every request on its own (models with a fixed first dimension,
 *     or batching switched off)
 * @param maxBatchSize most rows one engine call takes when joining; a single larger request still
 *     runs, alone
 * @param maxQueueDelayNanos how long the oldest waiting request may be held for others to join; 0
 *     joins only what is already waiting
 * @param preferredBatchSizes row counts that dispatch at once when nothing more is waiting
 * @param maxQueueSize most requests waiting (not yet running); beyond it {@code submit} refuses
 * @param instances parallel executors, each on its own thread
 * @param adaptiveMaxLatencyNanos 0 for static batching (the sizes and delay above, as they are);
 *     above 0, adaptive batching: an {@link AdaptiveBatchSizer} chooses the batch size (up to
 *     {@code maxBatchSize}) and the queue delay at run time within this latency objective, and
 *     {@code maxQueueDelayNanos} and {@code preferredBatchSizes} are not used
 */
public record BatchPolicy(
    boolean joinRequests,
    int maxBatchSize,
    long maxQueueDelayNanos,
    List<Integer> preferredBatchSizes,
    int maxQueueSize,
    int instances,
    long adaptiveMaxLatencyNanos) {

  /** A static policy. */
  public BatchPolicy(
      boolean joinRequests,
      int maxBatchSize,
      long maxQueueDelayNanos,
      List<Integer> preferredBatchSizes,
      int maxQueueSize,
      int instances) {
    this(
        joinRequests,
        maxBatchSize,
        maxQueueDelayNanos,
        preferredBatchSizes,
        maxQueueSize,
        instances,
        0);
  }

  public BatchPolicy {
    preferredBatchSizes = List.copyOf(preferredBatchSizes);
    if (maxBatchSize < 1
        || maxQueueSize < 1
        || instances < 1
        || maxQueueDelayNanos < 0
        || adaptiveMaxLatencyNanos < 0) {
      throw new IllegalArgumentException(
          "invalid batch policy "
              + maxBatchSize
              + "/"
              + maxQueueSize
              + "/"
              + instances
              + "/"
              + maxQueueDelayNanos);
    }
  }

  /** True when the batch size and queue delay are chosen at run time (joining requests). */
  public boolean adaptive() {
    return joinRequests && adaptiveMaxLatencyNanos > 0;
  }

  /** A policy that runs each request alone. */
  public static BatchPolicy unbatched(int maxQueueSize, int instances) {
    return new BatchPolicy(false, 1, 0, List.of(), maxQueueSize, instances);
  }
}
