package dev.modelport.drift.consumer;

import java.time.Duration;
import java.util.Map;

/**
 * Kafka settings of a {@link DriftConsumerLoop}.
 *
 * @param bootstrapServers broker addresses
 * @param topic inference event topic
 * @param groupId consumer group shared by the replicas
 * @param autoOffsetReset earliest or latest, for a group without commits
 * @param pollTimeout longest wait of one poll
 * @param maxPollRecords records per poll at most
 * @param retryBackoff pause before the first retry of an event whose baseline could not be fetched
 * @param retryBackoffMax longest pause between retries (the pause doubles up to it)
 * @param closeTimeout longest time the final commit and closing the consumer take together
 * @param extraProperties further consumer properties
 */
public record ConsumerSettings(
    String bootstrapServers,
    String topic,
    String groupId,
    String autoOffsetReset,
    Duration pollTimeout,
    int maxPollRecords,
    Duration retryBackoff,
    Duration retryBackoffMax,
    Duration closeTimeout,
    Map<String, String> extraProperties) {

  public ConsumerSettings {
    extraProperties = Map.copyOf(extraProperties);
  }
}
