package dev.modelport.drift.window;

import dev.modelport.drift.ModelVersionKey;
import dev.modelport.featurestats.profile.DatasetProfile;
import java.time.Instant;

/**
 * A window that stopped taking events, ready to be compared with the baseline. The profile is
 * handed over: the window no longer touches it.
 *
 * @param key model version
 * @param partition Kafka partition its events came from
 * @param firstOffset offset of its first event
 * @param lastOffset offset of its last event
 * @param rows rows profiled
 * @param events events profiled
 * @param firstEventAt timestamp of its first event
 * @param lastEventAt timestamp of its last event
 * @param reason why it closed
 * @param profile the live profile
 * @param outputs the live profile of the output columns (prediction drift); null when the version
 *     profiles no output
 */
public record ClosedWindow(
    ModelVersionKey key,
    int partition,
    long firstOffset,
    long lastOffset,
    long rows,
    int events,
    Instant firstEventAt,
    Instant lastEventAt,
    CloseReason reason,
    DatasetProfile profile,
    DatasetProfile outputs) {

  /** Without outputs. */
  public ClosedWindow(
      ModelVersionKey key,
      int partition,
      long firstOffset,
      long lastOffset,
      long rows,
      int events,
      Instant firstEventAt,
      Instant lastEventAt,
      CloseReason reason,
      DatasetProfile profile) {
    this(
        key,
        partition,
        firstOffset,
        lastOffset,
        rows,
        events,
        firstEventAt,
        lastEventAt,
        reason,
        profile,
        null);
  }
}
