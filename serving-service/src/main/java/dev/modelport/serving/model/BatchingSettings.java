package dev.modelport.serving.model;

import java.util.List;

/**
 * Dynamic batching settings of a model (the {@code batching} section of {@code model.yaml}).
 * Immutable; validated on construction.
 *
 * @param enabled false to serve every request on its own
 * @param maxBatchSize most rows (dimension 0) one engine call takes
 * @param maxQueueDelayMicros how long the oldest queued request may wait for more to join it
 * @param preferredBatchSizes batch sizes dispatched as soon as they are reached
 * @param maxQueueSize most requests waiting per version; beyond it requests are rejected
 * @param instances parallel executors (engine calls at the same time) per version
 */
public record BatchingSettings(
    boolean enabled,
    int maxBatchSize,
    long maxQueueDelayMicros,
    List<Integer> preferredBatchSizes,
    int maxQueueSize,
    int instances) {

  /**
   * Defaults: batching on, up to 64 rows, no extra delay (as Triton), 1024 queued requests, 1
   * instance.
   */
  public static final BatchingSettings DEFAULT =
      new BatchingSettings(true, 64, 0, List.of(), 1024, 1);

  public BatchingSettings {
    preferredBatchSizes =
        List.copyOf(preferredBatchSizes == null ? List.of() : preferredBatchSizes);
    require(maxBatchSize >= 1, "max-batch-size must be at least 1, got " + maxBatchSize);
    require(
        maxQueueDelayMicros >= 0, "max-queue-delay must be >= 0 µs, got " + maxQueueDelayMicros);
    require(maxQueueSize >= 1, "max-queue-size must be at least 1, got " + maxQueueSize);
    require(instances >= 1, "instances must be at least 1, got " + instances);
    for (int p : preferredBatchSizes) {
      require(
          p >= 1 && p <= maxBatchSize,
          "preferred batch size " + p + " must be between 1 and max-batch-size " + maxBatchSize);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("batching: " + message);
    }
  }
}
