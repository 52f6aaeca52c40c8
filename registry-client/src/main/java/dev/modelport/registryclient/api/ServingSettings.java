package dev.modelport.registryclient.api;

import java.util.List;

/**
 * Serving hints published with a version; serving-service uses them unless its deployment overrides
 * them. Every field may be null (serving default).
 *
 * @param maxBatchSize largest batch the dynamic batcher forms
 * @param maxQueueDelayMicros longest time a request waits for a batch to fill, in microseconds
 * @param preferredBatchSizes batch sizes the batcher prefers to dispatch
 * @param maxQueueSize pending requests beyond which requests are refused
 * @param instances parallel executors
 */
public record ServingSettings(
    Integer maxBatchSize,
    Long maxQueueDelayMicros,
    List<Integer> preferredBatchSizes,
    Integer maxQueueSize,
    Integer instances) {
  public ServingSettings {
    preferredBatchSizes = Copies.list(preferredBatchSizes);
  }
}
