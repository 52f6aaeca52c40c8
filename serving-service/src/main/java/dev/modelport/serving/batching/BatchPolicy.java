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
 */
public record BatchPolicy(
    boolean joinRequests,
    int maxBatchSize,
    long maxQueueDelayNanos,
    List<Integer> preferredBatchSizes,
    int maxQueueSize,
    int instances) {

  public BatchPolicy {
    preferredBatchSizes = List.copyOf(preferredBatchSizes);
    if (maxBatchSize < 1 || maxQueueSize < 1 || instances < 1 || maxQueueDelayNanos < 0) {
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

  /** A policy that runs each request alone. */
  public static BatchPolicy unbatched(int maxQueueSize, int instances) {
    return new BatchPolicy(false, 1, 0, List.of(), maxQueueSize, instances);
  }
}
