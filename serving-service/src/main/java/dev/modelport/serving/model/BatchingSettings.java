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
 * @param mode {@link Mode#STATIC} uses the sizes and delay above as they are; {@link Mode#ADAPTIVE}
 *     measures the engine and chooses the batch size (up to {@code maxBatchSize}) and the queue
 *     delay itself, within {@code maxLatencyMicros}
 * @param maxLatencyMicros the latency objective of adaptive mode: queue wait and engine time of a
 *     request that the chosen size and delay may cost, in microseconds
 */
public record BatchingSettings(
    boolean enabled,
    int maxBatchSize,
    long maxQueueDelayMicros,
    List<Integer> preferredBatchSizes,
    int maxQueueSize,
    int instances,
    Mode mode,
    long maxLatencyMicros) {

  /** The latency objective of adaptive mode when none is configured: 50 ms. */
  public static final long DEFAULT_MAX_LATENCY_MICROS = 50_000;

  /**
   * Defaults: batching on, up to 64 rows, no extra delay (as Triton), 1024 queued requests, 1
   * instance, static mode (adaptive mode's objective 50 ms).
   */
  public static final BatchingSettings DEFAULT =
      new BatchingSettings(true, 64, 0, List.of(), 1024, 1);

  /** How the batch size and queue delay are chosen. */
  public enum Mode {
    /** As configured ({@code max-batch-size}, {@code max-queue-delay}, preferred sizes). */
    STATIC,
    /** Measured and chosen at run time within {@code max-latency}. */
    ADAPTIVE
  }

  /** Static settings (adaptive mode off, its objective at the default). */
  public BatchingSettings(
      boolean enabled,
      int maxBatchSize,
      long maxQueueDelayMicros,
      List<Integer> preferredBatchSizes,
      int maxQueueSize,
      int instances) {
    this(
        enabled,
        maxBatchSize,
        maxQueueDelayMicros,
        preferredBatchSizes,
        maxQueueSize,
        instances,
        Mode.STATIC,
        DEFAULT_MAX_LATENCY_MICROS);
  }

  public BatchingSettings {
    preferredBatchSizes =
        List.copyOf(preferredBatchSizes == null ? List.of() : preferredBatchSizes);
    mode = mode == null ? Mode.STATIC : mode;
    require(maxLatencyMicros >= 1, "max-latency must be at least 1 µs, got " + maxLatencyMicros);
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
